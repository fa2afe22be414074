import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startModelServer, type ModelServer } from "../lib/testing/model-server";

// Distinctive, so finding it anywhere in a page or response is proof of a leak.
const KEY = `sk-e2e-DISTINCTIVE-${randomBytes(8).toString("hex")}`;
const masked = `••••${KEY.slice(-4)}`;
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({ apiKey: KEY, latencyMs: 25 });
});
test.afterAll(() => server.close());

const uniqueName = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;

async function addEndpoint(page: Page, fields: { name: string; modelId: string; baseUrl?: string; apiKey?: string }) {
  const form = page.getByRole("form", { name: "Add an endpoint" });
  await form.getByLabel("Name", { exact: true }).fill(fields.name);
  await form.getByLabel("Provider").selectOption("OPENAI_COMPATIBLE");
  await form.getByLabel("Model id").fill(fields.modelId);
  await form.getByLabel("Base URL").fill(fields.baseUrl ?? server.baseUrl);
  await form.getByLabel("API key", { exact: true }).fill(fields.apiKey ?? KEY);
  await form.getByRole("button", { name: "Add endpoint" }).click();
  return form;
}

async function expectNoKeyAnywhere(page: Page) {
  expect(await page.content()).not.toContain(KEY);
  // The server-rendered HTML (with its React payload) and the API, not just the live DOM.
  expect(await (await page.request.get("/admin/endpoints")).text()).not.toContain(KEY);
  expect(await (await page.request.get("/api/admin/endpoints")).text()).not.toContain(KEY);
}

test("an admin registers a loopback endpoint, sees its key masked, and tests it", async ({ page }) => {
  const name = uniqueName("Loopback strong");
  await page.goto("/");
  await page.getByRole("link", { name: "Endpoints" }).click();
  await expect(page.getByRole("heading", { name: "Model endpoints" })).toBeVisible();

  const form = await addEndpoint(page, { name, modelId: "test-strong" });
  await expect(form.getByRole("status")).toContainText(`Added ${name}`);
  await expect(form.getByLabel("API key", { exact: true })).toHaveValue("");

  const row = page.getByTestId(`endpoint-${name}`);
  await expect(row.getByTestId("api-key")).toHaveText(masked);
  await expect(row).toContainText("OpenAI-compatible");
  await expect(row).toContainText(server.baseUrl);

  await expect(row.getByTestId("output-mode")).toHaveText("Structured output: Automatic · not tested yet");
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByRole("status")).toHaveText(/^OK · \d+ ms · JSON schemaTested .+$/);
  // What Test found is stored: the judge starts there, and the list says so after a reload.
  await page.reload();
  await expect(page.getByTestId(`endpoint-${name}`).getByTestId("output-mode")).toHaveText(
    "Structured output: Automatic · JSON schema works",
  );
  // So is the result itself, with the time it was taken.
  await expect(page.getByTestId(`endpoint-${name}`).getByRole("status")).toHaveText(
    /^OK · \d+ ms · JSON schemaTested .+$/,
  );

  await expect(page.getByTestId(`endpoint-${name}`).getByTestId("api-key")).toHaveText(masked);
  await expectNoKeyAnywhere(page);
});

test("a wrong model id shows the provider's 404 on Test, and fixing it keeps the stored key", async ({ page }) => {
  const name = uniqueName("Misnamed model");
  await page.goto("/admin/endpoints");

  const form = await addEndpoint(page, { name, modelId: "test-strong", baseUrl: "" });
  await expect(form.getByText("An OpenAI-compatible endpoint needs a base URL")).toBeVisible();
  await form.getByLabel("Model id").fill("no-such-model");
  await form.getByLabel("Base URL").fill(server.baseUrl);
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${name}`);

  const row = page.getByTestId(`endpoint-${name}`);
  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByRole("alert")).toHaveText(
    /^404 Not Found: The model 'no-such-model' does not exist or you do not have access to it\.Tested .+$/,
  );

  // Edit with the key field left blank: the model id changes, the key stays.
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: `Edit ${name}` });
  await expect(edit.getByLabel("API key", { exact: true })).toHaveAttribute(
    "placeholder",
    `Leave blank to keep ${masked}`,
  );
  await edit.getByLabel("Model id").fill("test-weak");
  await edit.getByLabel("Temperature").fill("0.4");
  await edit.getByLabel("Structured output").selectOption("JSON_MODE");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText("test-weak");
  await expect(row).toContainText("temp 0.4");
  await expect(row.getByTestId("output-mode")).toHaveText("Structured output: JSON mode");
  await expect(row.getByTestId("api-key")).toHaveText(masked);

  await row.getByRole("button", { name: `Test ${name}` }).click();
  await expect(row.getByRole("status")).toHaveText(/^OK · \d+ ms · JSON schemaTested .+$/);
  await expect(row.getByTestId("output-mode")).toHaveText("Structured output: JSON mode · JSON schema works");

  // A new address takes the key again: the stored one is not sent to another server.
  await row.getByRole("button", { name: "Edit" }).click();
  const move = page.getByRole("form", { name: `Edit ${name}` });
  await move.getByLabel("Base URL").fill(server.baseUrl.replace("127.0.0.1", "localhost"));
  await move.getByRole("button", { name: "Save changes" }).click();
  await expect(move.getByText("Enter the API key again (or remove it)")).toBeVisible();
  await move.getByLabel("API key", { exact: true }).fill(KEY);
  await move.getByRole("button", { name: "Save changes" }).click();
  await expect(move).toHaveCount(0);
  await expect(row).toContainText("localhost");
  await expect(row.getByTestId("api-key")).toHaveText(masked);
  // The result of the last Test spoke for the old address: it is gone from the row at once.
  await expect(row.getByRole("status")).toHaveCount(0);
  await expect(row.getByTestId("output-mode")).toHaveText("Structured output: JSON mode");

  await row.getByRole("button", { name: "Archive" }).click();
  await expect(row).toContainText("Archived");
  await row.getByRole("button", { name: "Unarchive" }).click();
  await expect(row).toContainText("Active");
  await expectNoKeyAnywhere(page);
});
