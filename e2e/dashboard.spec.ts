import { expect, test, type Locator } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { startModelServer, type ModelServer } from "../lib/testing/model-server";
import { createUser, noSession, signIn } from "./helpers";

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer({ latencyMs: 5 });
});
test.afterAll(() => server.close());

/** The axis labels a chart draws (the chart itself is hidden from screen readers, not from the eye). */
async function axisLabels(chart: Locator, axis: "x" | "y") {
  const labels = chart.locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`);
  const all = await labels.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent ?? "", left: r.left, right: r.right };
    }),
  );
  return all.filter((l) => l.text.trim());
}

// The project overview's dashboard as an admin sees it after an annotator's first vote: today's
// votes, the annotator's throughput and time per item, and the work still left.

test("the overview shows an admin the votes per day, each annotator's pace and the work left", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const t = randomBytes(3).toString("hex");
  const created = await request.post("/api/projects", {
    data: { name: `Dashboard ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const rows = [1, 2, 3].map((i) =>
    JSON.stringify({ prompt: `Question ${i} ${t}?`, chosen: `Yes ${i}.`, rejected: "No." }),
  );
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(rows.join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);

  const annotator = await createUser(request);
  const { users } = await (await request.get("/api/admin/users")).json();
  const userId = users.find((u: { email: string }) => u.email === annotator.email).id as string;
  expect((await request.post(`/api/projects/${projectId}/members`, { data: { userId } })).status()).toBe(200);
  const context = await browser.newContext(noSession);
  const annotatorPage = await context.newPage();
  await signIn(annotatorPage, annotator.email, annotator.password);
  await annotatorPage.waitForURL("/");
  const next = await annotatorPage.request.post(`/api/projects/${projectId}/annotate/next`, { data: { count: 1 } });
  const [item] = (await next.json()).items as { assignmentId: string }[];
  const voted = await annotatorPage.request.post(`/api/projects/${projectId}/annotate/votes`, {
    data: { voteId: randomUUID(), assignmentId: item!.assignmentId, choice: "LEFT", timeOnItemMs: 4000 },
  });
  expect(voted.status()).toBe(200);
  await context.close();

  await page.goto(`/projects/${projectId}`);
  const dashboard = page.getByTestId("dashboard");
  await expect(dashboard.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const remaining = dashboard.getByTestId("dashboard-remaining");
  await expect(remaining.getByText("Pairs needing votes")).toBeVisible();
  await expect(remaining).toContainText("Pairs needing votes2");
  const votesPerDay = dashboard.getByRole("region", { name: /Votes per day \(last 30 days: 1\)/ });
  await expect(votesPerDay).toBeVisible();
  // 30 dates side by side do not fit: a few are labelled, today's among them, none overlapping,
  // while every day keeps its bar and the tooltip names the day.
  const chart = votesPerDay.locator(".recharts-wrapper");
  await expect(chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick")).toHaveCount(30);
  const today = new Date().toISOString().slice(5, 10);
  const dates = await axisLabels(chart, "x");
  expect(dates.length).toBeGreaterThan(2);
  expect(dates.length).toBeLessThanOrEqual(8);
  expect(dates.at(-1)!.text).toBe(today);
  for (let i = 1; i < dates.length; i++) expect(dates[i]!.left).toBeGreaterThan(dates[i - 1]!.right);
  const todaysBar = chart.locator(".recharts-bar-rectangle path").last();
  await todaysBar.hover();
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText(today);
  const annotators = dashboard.getByTestId("dashboard-annotators");
  await expect(annotators.getByRole("row", { name: new RegExp(annotator.email) })).toContainText("4.0 s");
});

test("the cost per day shows a document run's cents on an axis scaled to them, matching its run card", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const t = randomBytes(3).toString("hex");
  const created = await request.post("/api/projects", {
    data: { name: `Dashboard cost ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  // Priced so that the run costs cents, like a small real one.
  const endpoint = await request.post("/api/admin/endpoints", {
    data: {
      name: `Priced ${t}`,
      provider: "OPENAI_COMPATIBLE",
      baseUrl: server.baseUrl,
      modelId: "test-strong",
      inputPricePerMTok: 10,
      outputPricePerMTok: 30,
    },
  });
  expect(endpoint.status()).toBe(200);
  const generatorEndpointId = (await endpoint.json()).endpoint.id as string;
  const text = Array.from({ length: 30 }, (_, i) => `Kiln number ${i} fires clay at a steady heat for hours.`).join(
    " ",
  );
  const docs = await request.post(`/api/projects/${projectId}/documents`, {
    data: { pasted: [{ title: `Pottery ${t}`, text }] },
  });
  expect(docs.status()).toBe(200);
  const started = await request.post(`/api/projects/${projectId}/documents/runs`, {
    data: { mode: "INSTRUCTIONS", generatorEndpointId },
  });
  expect(started.status()).toBe(200);
  const documentRun = async () =>
    (
      (await (await request.get(`/api/projects/${projectId}/runs?kind=DOCUMENTS`)).json()).runs as {
        status: string;
        costUsd: number;
      }[]
    )[0]!;
  await expect.poll(async () => (await documentRun()).status, { timeout: 90_000 }).toBe("COMPLETED");
  const { costUsd } = await documentRun();
  expect(costUsd).toBeGreaterThan(0.001);
  expect(costUsd).toBeLessThan(1);

  await page.goto(`/projects/${projectId}`);
  const panel = page.getByTestId("dashboard").getByRole("region", { name: "Model cost per day" });
  // The value axis ends at a round amount just above the day's cost, each label distinct.
  const chart = panel.locator(".recharts-wrapper");
  await expect(chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toBeVisible();
  const ticks = (await axisLabels(chart, "y")).map((l) => l.text);
  expect(new Set(ticks).size).toBe(ticks.length);
  const top = Number(ticks.at(-1)!.replace("$", ""));
  expect(top).toBeGreaterThanOrEqual(costUsd);
  expect(top).toBeLessThanOrEqual(costUsd * 2.5);
  const bar = chart.locator(".recharts-bar-rectangle path").first();
  expect((await bar.boundingBox())!.height).toBeGreaterThan(40);
  await panel.getByText("Numbers").click();
  const day = new Date().toISOString().slice(0, 10);
  await expect(panel.getByRole("row", { name: new RegExp(day) })).toContainText(`$${costUsd.toFixed(4)}`);
});
