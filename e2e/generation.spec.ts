import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startModelServer, type ModelServer } from "../lib/testing/model-server";
import { addOpenAiCompatibleEndpoint } from "./helpers";

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer({ latencyMs: 30 });
});
test.afterAll(() => server.close());

const tag = () => randomBytes(3).toString("hex");

const addEndpoint = (page: Page, name: string, modelId: string) =>
  addOpenAiCompatibleEndpoint(page, name, modelId, server.baseUrl);

// 12 lines: line 4 is not JSON, line 9 has an empty prompt.
function promptsFile(): Buffer {
  const lines = Array.from({ length: 12 }, (_, i) => {
    if (i + 1 === 4) return "{not json";
    if (i + 1 === 9) return JSON.stringify({ prompt: "  " });
    return JSON.stringify({ prompt: `How does mechanism ${i + 1} work?` });
  });
  return Buffer.from(`${lines.join("\n")}\n`);
}

test("an admin goes from an empty project to generated strong-vs-weak pairs", async ({ page }) => {
  test.setTimeout(120_000);
  const strong = `Strong ${tag()}`;
  const weak = `Weak ${tag()}`;
  await page.goto("/admin/endpoints");
  await addEndpoint(page, strong, "test-strong");
  await addEndpoint(page, weak, "test-weak");

  await page.goto("/projects/new");
  const form = page.getByRole("form", { name: "New project" });
  await form.getByLabel("Name", { exact: true }).fill(`Generation ${tag()}`);
  await form.getByLabel("Generation mode").selectOption("STRONG_WEAK");
  await form.getByLabel("Evaluation mode").selectOption("IMPLICIT");
  await form.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && url.pathname !== "/projects/new");
  const projectUrl = page.url();

  await page.getByRole("link", { name: "Settings" }).click();
  const roles = page.getByRole("form", { name: "Endpoint roles" });
  await roles.getByLabel("Strong endpoint").selectOption({ label: `${strong} (test-strong)` });
  await roles.getByLabel("Weak endpoint").selectOption({ label: `${weak} (test-weak)` });
  await roles.getByRole("button", { name: "Save endpoints" }).click();
  await expect(roles.getByRole("status")).toHaveText("Saved");

  await page.getByRole("link", { name: "Prompts" }).click();
  await page
    .getByLabel("File")
    .setInputFiles({ name: "prompts.jsonl", mimeType: "application/x-ndjson", buffer: promptsFile() });
  await page.getByRole("button", { name: "Import prompts" }).click();
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result.getByRole("status")).toContainText("10 imported");
  const errors = result.getByRole("list", { name: "Row errors" }).getByRole("listitem");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText(/^line 4: /);
  await expect(errors.nth(1)).toContainText(/^line 9: /);

  await page.getByRole("link", { name: "Generation" }).click();
  await page.getByRole("button", { name: "Generate" }).click();
  const bar = page.getByRole("progressbar").first();
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("run-status").first()).toHaveText("Completed");
  await expect(page.getByTestId("run-stats").first()).toContainText("Done20");
  // A finished run says how long it took and what it made, with a way to the pairs.
  await expect(page.getByTestId("run-stats").first()).toContainText(/Took\d+ s/);
  await expect(page.getByTestId("run-pairs").first()).toHaveText("10 pairs formed · See the pairs");

  await page.getByTestId("run-pairs").first().getByRole("link", { name: "See the pairs" }).click();
  await expect(page).toHaveURL(/\/pairs\?source=GENERATED&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole("link", { name: /How does mechanism \d+ work\?/ })).toHaveCount(10);
  await page.getByRole("link", { name: "Pairs" }).click();
  await expect(page.getByText("10 pairs")).toBeVisible();
  await page
    .getByRole("link", { name: /How does mechanism \d+ work\?/ })
    .first()
    .click();
  await expect(page.getByTestId("pair-prompt")).toHaveText(/^How does mechanism \d+ work\?$/);
  const a = page.getByRole("article", { name: "Answer A" });
  const b = page.getByRole("article", { name: "Answer B" });
  await expect(a).toContainText(`${strong} (strong)`);
  await expect(b).toContainText(`${weak} (weak)`);
  await expect(a).toContainText("chosen (implicit)");
  expect((await page.getByTestId("answer-A").innerText()).length).toBeGreaterThan(
    (await page.getByTestId("answer-B").innerText()).length,
  );
  expect(page.url().startsWith(projectUrl)).toBe(true);
});
