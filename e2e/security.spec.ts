import { expect, test } from "@playwright/test";
import { noSession } from "./helpers";

test.use(noSession);

test("pages carry a nonce-based CSP and the other security headers", async ({ page }) => {
  const res = await page.goto("/login");
  const headers = res!.headers();
  const csp = headers["content-security-policy"];
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Every inline script the page ships carries this request's nonce, so the app still works.
  const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
  const inline = await page.locator("script:not([src])").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  for (const n of inline) expect(n).toBe(nonce);
});

test("markup injected into the page cannot run inline handlers", async ({ page }) => {
  await page.goto("/login");
  const violation = page.evaluate(
    () => new Promise<string>((resolve) => document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective))),
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
  expect(await res.json()).toMatchObject({ ok: true, database: { reachable: true }, migrations: { current: true, pending: [] } });
});
