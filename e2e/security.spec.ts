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

test("a link on another site cannot start an export in a signed-in admin's name", async ({ browser }) => {
  const app = appOrigin;
  // The admin's own project, through their saved session.
  const context = await browser.newContext({ storageState: ADMIN_STATE, extraHTTPHeaders: {} });
  const created = await context.request.post(`${app}/api/projects`, {
    data: { name: `link-${Date.now()}`, generationMode: "IMPORTED" },
    headers: { origin: app },
  });
  const projectId = (await created.json()).project.id as string;
  const exportUrl = `${app}/api/projects/${projectId}/export?format=trl`;
  // Another port of the same host: same site, so the browser sends the SameSite=Lax cookie on a navigation.
  const html = `<!doctype html><script>location.href = ${JSON.stringify(exportUrl)}</script>`;
  const evil = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => evil.listen(0, resolve));
  try {
    const page = await context.newPage();
    const attempt = page.waitForResponse((r) => r.url() === exportUrl);
    await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
    const refused = await attempt;
    expect(refused.status()).toBe(403);
    const snapshots = await context.request.get(`${app}/api/projects/${projectId}/exports`);
    expect((await snapshots.json()).exports).toEqual([]);
    // Opened by the admin themselves (the address typed, or a bookmark), the same link exports.
    const own = await context.newPage();
    const download = own.waitForEvent("download");
    await own.goto(exportUrl).catch(() => undefined); // a download aborts the navigation
    expect((await download).suggestedFilename()).toMatch(/\.jsonl$/);
    expect((await (await context.request.get(`${app}/api/projects/${projectId}/exports`)).json()).exports).toHaveLength(
      1,
    );
  } finally {
    await context.close();
    evil.close();
  }
});
