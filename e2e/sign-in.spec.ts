import { expect, test } from "@playwright/test";
import { admin, appOrigin, expectSignedIn, noSession, signIn, signInAlert } from "./helpers";

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

test("signing out ends the session, even for a copy of its cookie", async ({ page, browser }) => {
  await signIn(page, admin.email, admin.password);
  await expectSignedIn(page, admin.email, "Admin");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me")).status()).toBe(401);

  const thief = await browser.newContext(noSession);
  await thief.addCookies(copied);
  expect((await thief.request.get(`${appOrigin}/api/me`)).status()).toBe(401);
  await thief.close();
});

for (const callbackUrl of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example/"]) {
  test(`signing in with callbackUrl=${callbackUrl} stays on the site`, async ({ page }) => {
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectSignedIn(page, admin.email, "Admin");
    expect(new URL(page.url()).origin).toBe(appOrigin);
    expect(new URL(page.url()).pathname).toBe("/");
  });
}

test("the API answers 401 as JSON without a session", async ({ request }) => {
  const res = await request.get("/api/admin/users");
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue" } });
});

test("every page names an icon that loads, and robots.txt keeps search engines out", async ({ page, request }) => {
  await page.goto("/login");
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const res = await request.get(icon!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
});

test("an empty field is named next to it before anything is sent", async ({ page }) => {
  const sent: string[] = [];
  page.on("request", (r) => r.method() === "POST" && sent.push(r.url()));
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter your email.");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password.");
  await expect(page.getByLabel("Email")).toBeFocused();

  await page.getByLabel("Email").fill(admin.email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password.");
  await expect(page.getByLabel("Password")).toBeFocused();
  expect(sent).toEqual([]);

  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSignedIn(page, admin.email, "Admin");
});
