import { expect, test } from "@playwright/test";
import { admin, expectSignedIn, noSession, signIn, signInAlert } from "./helpers";

test.use(noSession);

test("a signed-out visitor is sent to sign in, then back to the page they asked for", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers$/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await signIn(page, admin.email, "not-the-password");
  await expect(signInAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await expectSignedIn(page, admin.email, "Admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("the API answers 401 as JSON without a session", async ({ request }) => {
  const res = await request.get("/api/admin/users");
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue" } });
});
