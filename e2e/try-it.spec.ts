import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { spawnModelServer } from "../lib/testing/model-server/process";
import { addOpenAiCompatibleEndpoint } from "./helpers";

// The README's way of trying Pairwise without a model provider, walked as a new user would: the
// loopback server started with the command the README gives (no scripted answers, no hooks), as
// strong, weak and judge endpoint of a hybrid project. The judge must decide pairs (agreed and
// uncertain verdicts, no failures), route the undecided ones to annotators, and feed the metrics.

let server: Awaited<ReturnType<typeof spawnModelServer>> | undefined;
let baseUrl: string;

test.beforeAll(async () => {
  server = await spawnModelServer(["--latency", "20"]);
  baseUrl = server.baseUrl;
});
test.afterAll(async () => {
  await server?.stop();
});

const tag = () => randomBytes(3).toString("hex");

const addEndpoint = (page: Page, name: string, modelId: string) =>
  addOpenAiCompatibleEndpoint(page, name, modelId, baseUrl);

/** The number after `label` in a stat list's text ("Agreed17Uncertain3…"). */
async function stat(page: Page, testId: string, label: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  const match = new RegExp(`${label}\\s*(\\d+)`).exec(text);
  if (!match) throw new Error(`no "${label}" in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

test("the README's try-it path: loopback strong, weak and judge on a hybrid project", async ({ page }) => {
  test.setTimeout(180_000);
  const [strong, weak, judge] = [`Strong ${tag()}`, `Weak ${tag()}`, `Judge ${tag()}`];
  await page.goto("/admin/endpoints");
  await addEndpoint(page, strong, "test-strong");
  await addEndpoint(page, weak, "test-weak");
  await addEndpoint(page, judge, "test-strong");

  await page.goto("/projects/new");
  const form = page.getByRole("form", { name: "New project" });
  await form.getByLabel("Name", { exact: true }).fill(`Try it ${tag()}`);
  await form.getByLabel("Generation mode").selectOption("STRONG_WEAK");
  await form.getByLabel("Evaluation mode").selectOption("HYBRID");
  await form.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && url.pathname !== "/projects/new");

  await page.getByRole("link", { name: "Settings" }).click();
  const roles = page.getByRole("form", { name: "Endpoint roles" });
  await roles.getByLabel("Strong endpoint").selectOption({ label: `${strong} (test-strong)` });
  await roles.getByLabel("Weak endpoint").selectOption({ label: `${weak} (test-weak)` });
  await roles.getByRole("button", { name: "Save endpoints" }).click();
  await expect(roles.getByRole("status")).toHaveText("Saved");
  const panel = page.getByRole("form", { name: "LLM judge" });
  await panel.getByLabel("Judge endpoint").selectOption({ label: `${judge} (test-strong)` });
  await panel.getByRole("button", { name: "Save judge" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved");

  await page.getByRole("link", { name: "Prompts" }).click();
  const prompts = Array.from({ length: 24 }, (_, i) => `How does mechanism ${i + 1} work, and when does it fail?`).join(
    "\n",
  );
  await page
    .getByLabel("File")
    .setInputFiles({ name: "prompts.txt", mimeType: "text/plain", buffer: Buffer.from(prompts + "\n") });
  await page.getByRole("button", { name: "Import prompts" }).click();
  await expect(page.getByRole("region", { name: "Import result" }).getByRole("status")).toContainText("24 imported");

  await page.getByRole("link", { name: "Generation" }).click();
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByRole("progressbar").first()).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("run-status").first()).toHaveText("Completed");

  await page.getByRole("link", { name: "Judging" }).click();
  await page.getByRole("button", { name: "Start judging" }).click();
  await expect(page.getByRole("progressbar").first()).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("run-status").first()).toHaveText("Completed");
  await expect(page.getByTestId("run-stats")).toContainText("Done48");
  await expect(page.getByTestId("run-stats")).toContainText("Failed0");
  await expect(page.getByTestId("verdict-counts")).toContainText("Judge failed0");
  const agreed = await stat(page, "verdict-counts", "Agreed");
  const uncertain = await stat(page, "verdict-counts", "Uncertain");
  expect(agreed).toBeGreaterThan(0);
  expect(uncertain).toBeGreaterThan(0);
  expect(agreed + uncertain).toBe(24);
  expect(await stat(page, "verdict-counts", "To annotators: uncertain")).toBe(uncertain);

  // Hybrid routing: the undecided pairs (and low-confidence and audit ones) reach the Annotate tab.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Annotate" }).click();
  await expect(page.getByTestId("annotate-prompt")).toContainText(/How does mechanism \d+ work/);
  const routed = Number(/project: 0\/(\d+)/.exec(await page.getByTestId("annotate-progress").innerText())?.[1]);
  expect(routed).toBeGreaterThanOrEqual(uncertain);
  expect(routed).toBeLessThan(24);

  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Metrics" }).click();
  const bias = page.getByRole("region", { name: "Position bias" });
  await expect(bias).toContainText("Verdict changed with the order");
  await expect(bias).toContainText("n = 24");
  const undecided = page.getByTestId("judge-undecided");
  await expect(undecided).toContainText(`Uncertain: orders disagreed${uncertain}`);
  await expect(undecided).toContainText("Judge failed: no usable verdict0");
});
