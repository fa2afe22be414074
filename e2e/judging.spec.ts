import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { messageText, startModelServer, type ModelServer, type ParsedChatRequest } from "../lib/testing/model-server";
import { addOpenAiCompatibleEndpoint } from "./helpers";

// A scripted judge: it scores each answer by the quality written in it, except for pairs marked
// [biased], where it always prefers the answer shown first (so the two orders disagree), and
// pairs marked [garbage], to which it never replies with a verdict.
const GARBAGE = "Both answers have merit; I would rather not pick one.";
function judge(request: ParsedChatRequest): string {
  const user = messageText(request.messages[1]!);
  const shown = (tag: string) => new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(user)?.[1] ?? "";
  const [first, second] = [shown("answer_a"), shown("answer_b")];
  const quality = (text: string) => Number(/quality=(\d+)/.exec(text)?.[1] ?? 5);
  if (first.includes("[garbage]")) return GARBAGE;
  if (first.includes("[biased]"))
    return JSON.stringify({ winner: "A", score_a: 8, score_b: 3, rationale: "First is better." });
  const [qa, qb] = [quality(first), quality(second)];
  return JSON.stringify({
    winner: qa > qb ? "A" : qb > qa ? "B" : "tie",
    score_a: qa,
    score_b: qb,
    rationale: "By quality.",
  });
}

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer({ latencyMs: 20, respond: judge });
});
test.afterAll(() => server.close());

const tag = () => randomBytes(3).toString("hex");

// Seven pairs: four the judge sees clearly (margins of 3 to 6 points), two it is position-biased
// on, one it fails on.
function pairsFile(): Buffer {
  const rows = [
    ...[9, 8, 7, 9].map((q, i) => ({
      prompt: `Explain topic ${i}.`,
      chosen: `Clear answer ${i}. quality=${q}`,
      rejected: `Poor answer ${i}. quality=${q - 3 - (i % 3)}`,
    })),
    ...[4, 5].map((i) => ({
      prompt: `Explain topic ${i}.`,
      chosen: `Answer one ${i} [biased]`,
      rejected: `Answer two ${i} [biased]`,
    })),
    { prompt: "Explain topic 6.", chosen: "Answer one 6 [garbage]", rejected: "Answer two 6 [garbage]" },
  ];
  return Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

async function addEndpoint(page: Page, name: string) {
  await page.goto("/admin/endpoints");
  await addOpenAiCompatibleEndpoint(page, name, "test-strong", server.baseUrl);
}

test("an admin sets up a judge on a hybrid project and sees the verdicts of a finished run", async ({ page }) => {
  test.setTimeout(120_000);
  const judgeName = `Judge ${tag()}`;
  await addEndpoint(page, judgeName);

  await page.goto("/projects/new");
  const form = page.getByRole("form", { name: "New project" });
  await form.getByLabel("Name", { exact: true }).fill(`Judging ${tag()}`);
  await form.getByLabel("Generation mode").selectOption("IMPORTED");
  await form.getByLabel("Evaluation mode").selectOption("HYBRID");
  await form.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && url.pathname !== "/projects/new");
  const projectId = new URL(page.url()).pathname.split("/")[2]!;

  const imported = await page.request.post(`/api/projects/${projectId}/imports/pairs?fileName=pairs.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: pairsFile(),
  });
  expect(imported.status()).toBe(200);

  await page.getByRole("link", { name: "Settings" }).click();
  const panel = page.getByRole("form", { name: "LLM judge" });
  await expect(panel.getByLabel("Rubric")).toHaveValue(/Correctness/); // the default, ready to edit
  await panel.getByLabel("Judge endpoint").selectOption({ label: `${judgeName} (test-strong)` });
  await panel.getByLabel("Confidence threshold (points, 0–9)").fill("2");
  await panel.getByLabel("Audit share (0–1)").fill("0");
  await panel.getByRole("button", { name: "Save judge" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved");

  await page.getByRole("link", { name: "Judging" }).click();
  await expect(page.getByTestId("judge-endpoint")).toHaveText(`${judgeName} (test-strong)`);
  await page.getByRole("button", { name: "Start judging" }).click();
  await expect(page.getByRole("progressbar").first()).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("run-status").first()).toHaveText("Completed with failures");
  await expect(page.getByTestId("run-stats")).toContainText("Done12");
  await expect(page.getByTestId("run-stats")).toContainText("Failed2");
  await expect(page.getByTestId("run-failed-note")).toHaveText(
    "2 of 14 tasks failed: their work is missing from the run's results",
  );
  // The failures by cause, with what the judge actually said behind a disclosure.
  const errors = page.getByTestId("run-errors");
  await expect(errors).toContainText("2×unusable_reply");
  await expect(errors.getByTestId("run-error-sample")).toBeHidden();
  await errors.getByText("Sample reply").click();
  // Every reply of the order, in the order asked: JSON schema, JSON mode, prompt only, its repair.
  await expect(errors.getByTestId("run-error-sample")).toHaveText(Array(4).fill(GARBAGE).join("\n"));
  const verdicts = page.getByTestId("verdict-counts");
  await expect(verdicts).toContainText("Agreed4");
  await expect(verdicts).toContainText("Uncertain2");
  await expect(verdicts).toContainText("To annotators: uncertain2");
  await expect(verdicts).toContainText("To annotators: low confidence0");
  await expect(verdicts).toContainText("To annotators: audit0");
  await expect(verdicts).toContainText("To annotators: judge failed1");

  // The Pairs list filters on the verdict and on why the judge sent a pair to annotators.
  await page.goto(`/projects/${projectId}/pairs`);
  const filters = page.getByRole("search", { name: "Search and filter pairs" });
  await filters.getByLabel(/^Judge/).selectOption({ label: "Uncertain (its two orders differ)" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/judge=uncertain/);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3); // a header and two pairs
  await filters.getByLabel(/^Judge/).selectOption({ label: "Any" });
  await filters.getByLabel("Sent to annotators").selectOption({ label: "Judge failed" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("table")).toContainText("Explain topic 6.");

  // The pair page shows an admin both judgments of a pair, the raw reply on demand.
  const list = await (await page.request.get(`/api/projects/${projectId}/pairs?limit=200`)).json();
  const pairOf = (prompt: string) => list.pairs.find((p: { prompt: string }) => p.prompt === prompt).id as string;
  await page.goto(`/projects/${projectId}/pairs/${pairOf("Explain topic 4.")}`);
  await expect(page.getByTestId("pair-judge-verdict")).toHaveText("Uncertain: the two orders disagreed");
  const judgments = page.getByTestId("pair-judgment");
  await expect(judgments).toHaveCount(2);
  await expect(judgments.nth(0)).toContainText("A first");
  await expect(judgments.nth(0).getByTestId("pair-judgment-winner")).toHaveText("A better");
  await expect(judgments.nth(1)).toContainText("B first");
  await expect(judgments.nth(1).getByTestId("pair-judgment-winner")).toHaveText("B better");
  await expect(judgments.nth(0)).toContainText("Scores A / B8 / 3");
  await expect(judgments.nth(0)).toContainText("First is better.");
  await judgments.nth(0).getByText("Raw reply").click();
  await expect(judgments.nth(0).locator("pre")).toContainText('"rationale":"First is better."');

  await page.goto(`/projects/${projectId}/pairs/${pairOf("Explain topic 6.")}`);
  await expect(page.getByTestId("pair-judge-verdict")).toHaveText(/^Judge failed/);
  await expect(page.getByText("Sent to annotators: the judge failed")).toBeVisible();
  await expect(page.getByTestId("pair-judgment").first()).toContainText("failed");
  await expect(page.getByTestId("pair-judgment").first()).toContainText("no JSON object found");
});

test("an admin makes a panel of two judges; the Judging and Metrics pages name it and its figures", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const names = [`Panel one ${tag()}`, `Panel two ${tag()}`];
  for (const name of names) await addEndpoint(page, name);

  await page.goto("/projects/new");
  const form = page.getByRole("form", { name: "New project" });
  await form.getByLabel("Name", { exact: true }).fill(`Panel ${tag()}`);
  await form.getByLabel("Generation mode").selectOption("IMPORTED");
  await form.getByLabel("Evaluation mode").selectOption("LLM_JUDGE");
  await form.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && url.pathname !== "/projects/new");
  const projectId = new URL(page.url()).pathname.split("/")[2]!;
  const imported = await page.request.post(`/api/projects/${projectId}/imports/pairs?fileName=pairs.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: pairsFile(),
  });
  expect(imported.status()).toBe(200);

  await page.getByRole("link", { name: "Settings" }).click();
  const panel = page.getByRole("form", { name: "LLM judge" });
  await panel.getByLabel("Judge endpoint").selectOption({ label: `${names[0]} (test-strong)` });
  await expect(panel.getByLabel("Second judge")).toHaveCount(0); // one judge: as simple as ever
  await panel.getByRole("button", { name: "Add a judge" }).click();
  await panel.getByLabel("Second judge").selectOption({ label: `${names[0]} (test-strong)` });
  await panel.getByRole("button", { name: "Save judge" }).click();
  await expect(panel.getByText("This endpoint is listed twice")).toBeVisible();
  await panel.getByLabel("Second judge").selectOption({ label: `${names[1]} (test-strong)` });
  await panel.getByRole("button", { name: "Save judge" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved");

  await page.getByRole("link", { name: "Judging" }).click();
  await expect(page.getByTestId("judge-endpoint")).toHaveText(`${names[0]} (test-strong)${names[1]} (test-strong)`);
  await expect(page.getByTestId("panel-rule")).toContainText(
    "a verdict stands when all 2 judges agree on the same winner in both orders",
  );
  await page.getByRole("button", { name: "Start judging" }).click();
  // The [garbage] pair's four tasks fail: the run completes with failures.
  await expect(page.getByTestId("run-status").first()).toHaveText("Completed with failures", { timeout: 60_000 });
  await expect(page.getByTestId("run-stats")).toContainText("Done24"); // 6 pairs × 2 judges × 2 orders
  const verdicts = page.getByTestId("verdict-counts");
  await expect(verdicts).toContainText("Agreed4");
  await expect(verdicts).toContainText("Uncertain2");

  // Both judges answer alike: they agree on the four pairs each of them decided.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Metrics" }).click();
  const section = page.getByRole("region", { name: "Judges of the panel" });
  await expect(section.getByTestId("panel-judges")).toContainText(`${names[0]} (test-strong)`);
  const pairRow = section.getByTestId("panel-agreement").getByRole("row").nth(1);
  await expect(pairRow).toContainText("100.0%");
  await expect(pairRow).toContainText("n = 4");
});
