import { expect, test } from "@playwright/test";
import { createUser, expectSignedIn, noSession, signIn, signInAlert, uniqueEmail } from "./helpers";

test("an admin creates an annotator, who signs in but cannot reach admin pages or APIs", async ({ page, browser }) => {
  const email = uniqueEmail("ann");
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Ann Otator");
  await form.getByLabel("Initial password").fill("annotator-pass-1");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${email}`);
  await expect(page.getByTestId(`user-${email}`)).toContainText("Annotator");

  const context = await browser.newContext(noSession);
  const annotator = await context.newPage();
  await signIn(annotator, email, "annotator-pass-1");
  await annotator.waitForURL("/");
  await expectSignedIn(annotator, "Ann Otator", "Annotator");
  await expect(annotator.getByRole("link", { name: "Users" })).toHaveCount(0);

  const res = await annotator.goto("/admin/users");
  expect(res?.status()).toBe(403);
  await expect(annotator.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

  const api = await annotator.request.get("/api/admin/users");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("forbidden");
  await context.close();
});

test("a deactivated annotator is signed out at their next request and cannot sign in again", async ({
  page,
  browser,
}) => {
  const user = await createUser(page.request);
  const context = await browser.newContext(noSession);
  const annotator = await context.newPage();
  await signIn(annotator, user.email, user.password);
  await expectSignedIn(annotator, user.email, "Annotator");

  await page.goto("/admin/users");
  // Found by a part of the email: the list narrows to that user.
  await page.getByLabel("Find users").fill(user.email.slice(0, -4).toUpperCase());
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2); // its headings and the user
  const row = page.getByTestId(`user-${user.email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  const confirm = page.getByRole("dialog", { name: "Deactivate this user?" });
  await expect(confirm).toContainText(user.email);
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Active");
  expect((await annotator.request.get("/api/me")).status()).toBe(200);

  await row.getByRole("button", { name: "Deactivate" }).click();
  await confirm.getByRole("button", { name: "Deactivate user" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Deactivated");

  await annotator.reload();
  await expect(annotator).toHaveURL(/\/login/);
  expect((await annotator.request.get("/api/me")).status()).toBe(401);

  await signIn(annotator, user.email, user.password);
  await expect(signInAlert(annotator)).toContainText("deactivated");
  await context.close();
});

test("an admin resets a password: the old one stops working, the new one works", async ({ page, browser }) => {
  const user = await createUser(page.request);
  await page.goto("/admin/users");
  const row = page.getByTestId(`user-${user.email}`);
  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel("New password", { exact: true }).fill("brand-new-password");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Password changed");

  const context = await browser.newContext(noSession);
  const other = await context.newPage();
  await signIn(other, user.email, user.password);
  await expect(signInAlert(other)).toHaveText("Wrong email or password.");
  await signIn(other, user.email, "brand-new-password");
  await expectSignedIn(other, user.email, "Annotator");
  await context.close();
});

test("the users form names invalid fields and refuses a duplicate email", async ({ page }) => {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill("not-an-email");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await expect(form.getByText("Password must be at least 8 characters")).toBeVisible();

  const existing = await createUser(page.request);
  await form.getByLabel("Email").fill(existing.email);
  await form.getByLabel("Initial password").fill("long-enough-password");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("alert")).toHaveText("A record with this email already exists");

  const res = await page.request.post("/api/admin/users", { data: { email: "x", password: "y" } });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["email", "password"]);
});
