import { expect, test } from "@playwright/test";
import { noSession, signIn, signInAlert, uniqueEmail } from "./helpers";

test.use(noSession);

test("repeated wrong passwords for one email hit the rate limit", async ({ page }) => {
  const email = uniqueEmail("target");
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `guess-${i}`);
    await expect(signInAlert(page)).toHaveText("Wrong email or password.");
  }
  await signIn(page, email, "guess-5");
  await expect(signInAlert(page)).toContainText("Too many sign-in attempts. Try again in 15 minutes.");

  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password: "guess-6", csrfToken, json: "true" },
  });
  expect(res.status()).toBe(429);
  const retryAfter = Number(res.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(800);
  expect(retryAfter).toBeLessThanOrEqual(900);
  expect((await res.json()).error.code).toBe("rate_limited");
});
