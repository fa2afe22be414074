import { expect, test } from "@playwright/test";

test("an admin creates an API token, a script uses it without cookies, and revoking it ends its access", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/admin/tokens");
  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Name").fill("e2e script");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await form.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^pw_/);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await form.getByRole("button", { name: "Copy the token" }).click();
  await expect(form.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  // A script: no cookies, only the header.
  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/admin/users")).status()).toBe(200);
  // A token cannot mint more tokens.
  expect((await script.post("/api/tokens", { data: { name: "more" } })).status()).toBe(403);

  await page.reload();
  const row = page.getByRole("row", { name: /e2e script/ });
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: "Revoke e2e script" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this token?" });
  await expect(confirm).toContainText("e2e script");
  // Cancel has the focus: Enter out of habit keeps the token.
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  expect((await script.get("/api/admin/users")).status()).toBe(200);
  await expect(row).not.toContainText("Revoked");

  await row.getByRole("button", { name: "Revoke e2e script" }).click();
  await page.keyboard.press("Tab");
  await expect(confirm.getByRole("button", { name: "Revoke token" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");

  const revoked = await script.get("/api/admin/users");
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("invalid_token");
  await script.dispose();
});

test("a read-only token reads and exports but changes nothing, and no token manages users", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/admin/tokens");
  const form = page.getByRole("form", { name: "Create a token" });
  await form.getByLabel("Name").fill("e2e reader");
  await form.getByLabel("Access").selectOption("READ");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await form.getByTestId("new-token").textContent())!.trim();
  await expect(page.getByRole("row", { name: /e2e reader/ })).toContainText("Read-only");

  const script = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get("/api/projects")).status()).toBe(200);
  const write = await script.post("/api/projects", { data: { name: "from a reader", generationMode: "IMPORTED" } });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.code).toBe("read_only_token");
  expect(
    (await script.post("/api/admin/users", { data: { email: "x@e2e.test", password: "long-enough" } })).status(),
  ).toBe(403);
  await script.dispose();
});
