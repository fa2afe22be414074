import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const admin = {
  email: process.env.E2E_ADMIN_EMAIL!,
  password: process.env.E2E_ADMIN_PASSWORD!,
};

/** The app's own origin: API requests made by the tests send it, as the app's pages do. */
export const appOrigin = `http://localhost:${process.env.E2E_PORT}`;

/** For test.use() and browser.newContext(): no session, and our Origin on API requests. */
export const noSession = { storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { origin: appOrigin } };

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@e2e.test`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The sign-in form's message (Next.js's route announcer is an alert too, so scope to the form). */
export function signInAlert(page: Page) {
  return page.getByRole("form", { name: "Sign in" }).getByRole("alert");
}

export async function expectSignedIn(page: Page, email: string, role: "Admin" | "Annotator") {
  const header = page.getByTestId("current-user");
  await expect(header).toContainText(email);
  await expect(header).toContainText(role);
}

/** Creates a user through the admin API (the request context must carry an admin session). */
export async function createUser(request: APIRequestContext, role: "ADMIN" | "ANNOTATOR" = "ANNOTATOR") {
  const user = { email: uniqueEmail(role.toLowerCase()), password: `pw-${randomBytes(6).toString("hex")}`, role };
  const res = await request.post("/api/admin/users", { data: user });
  expect(res.status()).toBe(200);
  return user;
}

/** A new annotator, member of the project, signed in on a page of their own (the admin's request context adds them). */
export async function signedInMember(browser: Browser, admin: APIRequestContext, projectId: string) {
  const user = await createUser(admin);
  const { users } = await (await admin.get("/api/admin/users")).json();
  const userId = users.find((u: { email: string }) => u.email === user.email).id as string;
  expect((await admin.post(`/api/projects/${projectId}/members`, { data: { userId } })).status()).toBe(200);
  const page = await (await browser.newContext(noSession)).newPage();
  await signIn(page, user.email, user.password);
  await page.waitForURL("/");
  return { page, user, userId };
}

/** Adds an OpenAI-compatible endpoint on the Endpoints page (which must be open) and waits for it. */
export async function addOpenAiCompatibleEndpoint(page: Page, name: string, modelId: string, baseUrl: string) {
  const form = page.getByRole("form", { name: "Add an endpoint" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Provider").selectOption("OPENAI_COMPATIBLE");
  await form.getByLabel("Model id").fill(modelId);
  await form.getByLabel("Base URL").fill(baseUrl);
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${name}`);
}
