import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startModelServer, type ModelServer } from "../lib/testing/model-server";

// A document run's card and funnel as the page keeps them up to date, without a reload, through
// the moments after the run's status changes: a cancel while calls are out, a retry that completes.

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer();
});
test.afterAll(() => server.close());

const tag = () => randomBytes(3).toString("hex");

// About 13,000 characters of distinct sentences: several chunks under the default 1,000–2,000.
const text = Array.from(
  { length: 80 },
  (_, i) =>
    `Harbour pilot number ${i} in Lisbon records the morning tide before noon, because decision ${i} depends on what the season before it taught.`,
).join(" ");

interface RunCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
}

/** A project with one document and an endpoint on this spec's loopback server; the runs page open. */
async function setUp(page: Page, endpointFields: Record<string, unknown> = {}) {
  const endpoint = await page.request.post("/api/admin/endpoints", {
    data: {
      name: `Loopback ${tag()}`,
      provider: "OPENAI_COMPATIBLE",
      baseUrl: server.baseUrl,
      modelId: "test-strong",
      ...endpointFields,
    },
  });
  expect(endpoint.status()).toBe(200);
  const endpointId = (await endpoint.json()).endpoint.id as string;
  const created = await page.request.post("/api/projects", {
    data: { name: `Run cards ${tag()}`, generationMode: "IMPORTED", evaluationMode: "IMPLICIT" },
  });
  const projectId = (await created.json()).project.id as string;
  const uploaded = await page.request.post(`/api/projects/${projectId}/documents`, {
    data: { files: [{ name: "log.txt", data: Buffer.from(text).toString("base64") }], pasted: [] },
  });
  expect(uploaded.status()).toBe(200);
  await page.goto(`/projects/${projectId}/documents/runs`);
  const form = page.getByRole("form", { name: "Start a document run" });
  await form.getByLabel("Mode").selectOption("INSTRUCTIONS");
  await form.getByLabel("Generator endpoint").selectOption(endpointId);
  await form.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-status")).toHaveCount(1);
  const run = async () =>
    (
      (await (await page.request.get(`/api/projects/${projectId}/runs?kind=DOCUMENTS`)).json()).runs as {
        id: string;
        counts: RunCounts;
      }[]
    )[0]!;
  return { projectId, run };
}

/** The card's figure under `label` (Done, Pending…). */
async function stat(page: Page, label: string): Promise<number> {
  const item = page
    .getByTestId("run-stats")
    .locator("div")
    .filter({ has: page.getByText(label, { exact: true }) });
  return Number(await item.locator("dd").innerText());
}

test("after Cancel, the run card settles on the counts the server ends with, without a reload", async ({ page }) => {
  test.setTimeout(120_000);
  // Slow calls, two at a time: when Cancel is pressed some are still out with the model.
  server.configure({ latencyMs: 2500, apiKey: undefined });
  const { run } = await setUp(page, { concurrencyLimit: 2 });
  await expect.poll(() => stat(page, "Done"), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Cancelled");

  // The calls in flight finish (or are given back) after the run is already cancelled.
  await expect.poll(async () => (await run()).counts, { timeout: 30_000 }).toMatchObject({ pending: 0, running: 0 });
  const settled = (await run()).counts;
  await expect.poll(() => stat(page, "Pending")).toBe(0);
  expect(await stat(page, "Done")).toBe(settled.done);
  expect(await stat(page, "Cancelled")).toBe(settled.cancelled);
});

/** The count after `label` in the run's funnel. */
async function funnelStep(page: Page, label: string): Promise<number> {
  const item = page
    .getByRole("list", { name: "Funnel steps" })
    .getByRole("listitem")
    .filter({ has: page.getByText(label, { exact: true }) });
  return Number((await item.locator("span").last().innerText()).replace(/,/g, ""));
}

test("after Retry failed completes a failed run, its funnel counts the new items without a reload", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Every call refused for its key: the run fails with nothing generated.
  server.configure({ latencyMs: 300, apiKey: "the-right-key" });
  const { projectId, run } = await setUp(page, { apiKey: "a-wrong-key" });
  await expect(page.getByTestId("run-status")).toHaveText("Failed", { timeout: 30_000 });
  await expect.poll(() => funnelStep(page, "Items generated")).toBe(0);

  server.configure({ apiKey: undefined });
  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("Completed", { timeout: 30_000 });
  const { id } = await run();
  const funnel = (await (await page.request.get(`/api/projects/${projectId}/documents/runs/${id}/funnel`)).json())
    .funnel as { steps: { key: string; count: number }[] };
  const generated = funnel.steps.find((s) => s.key === "generated")!.count;
  const kept = funnel.steps.find((s) => s.key === "kept")!.count;
  expect(kept).toBeGreaterThan(0);
  await expect.poll(() => funnelStep(page, "Items generated")).toBe(generated);
  expect(await funnelStep(page, "Kept")).toBe(kept);
});
