import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_STATE } from "../playwright.config";
import { appOrigin, noSession } from "./helpers";

test.use(noSession);

test("pages carry a nonce-based CSP and the other security headers", async ({ page }) => {
  const res = await page.goto("/login");
  const headers = res!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Every inline script the page ships carries this request's nonce, so the app still works.
  const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
  const inline = await page
    .locator("script:not([src])")
    .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  for (const n of inline) expect(n).toBe(nonce);
});

test("markup injected into the page cannot run inline handlers", async ({ page }) => {
  await page.goto("/login");
  const violation = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective)),
      ),
  );
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.innerHTML = `<img src="data:," onerror="document.title='pwned'">`;
    document.body.appendChild(div);
  });
  expect(await violation).toMatch(/^script-src/);
  expect(await page.title()).not.toBe("pwned");
});

test("health reports the database and migrations", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    ok: true,
    database: { reachable: true },
    migrations: { current: true, pending: [] },
  });
});

test("a page on another port of the same host cannot change anything with a signed-in admin's cookies", async ({
  browser,
}) => {
  const app = appOrigin;
  const name = `csrf-${Date.now()}`;
  // Same site as the app (localhost, another port), so the browser sends its SameSite=Lax cookies.
  // A text/plain form whose body reads as JSON: {"name":"…","generationMode":"IMPORTED","pad":"="}.
  const field = JSON.stringify({ name, generationMode: "IMPORTED", pad: "" }).slice(0, -2);
  const html = `<!doctype html><form method="POST" enctype="text/plain" action="${app}/api/projects">
    <input type="hidden" name='${field}' value='"}'></form><script>document.forms[0].submit()</script>`;
  const evil = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => evil.listen(0, resolve));
  // The saved admin session, and no Origin added by the test (the config adds one to every
  // context): only what the browser itself sends.
  const context = await browser.newContext({ storageState: ADMIN_STATE, extraHTTPHeaders: {} });
  try {
    const page = await context.newPage();
    const attempt = page.waitForResponse((r) => r.url() === `${app}/api/projects` && r.request().method() === "POST");
    await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
    const refused = await attempt;
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("csrf");
    const list = await context.request.get(`${app}/api/projects`);
    expect(list.status()).toBe(200);
    expect(((await list.json()) as { projects: { name: string }[] }).projects.map((p) => p.name)).not.toContain(name);
  } finally {
    await context.close();
    evil.close();
  }
});
