import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";

const words = (n: number, word: string) => Array.from({ length: n }, () => word).join(" ");

test("the metrics page shows length bias from imported labels and an adjudication, with n and empty states", async ({
  page,
  request,
}) => {
  const t = randomBytes(3).toString("hex");
  const created = await request.post("/api/projects", {
    // Implicit: the file's own labels decide (as in the export), and an adjudication overrules them.
    data: { name: `Metrics ${t}`, generationMode: "IMPORTED", evaluationMode: "IMPLICIT" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  // Lengths in characters: "abcd" words joined by spaces are 5n − 1 long.
  const rows = [
    { prompt: `One ${t}?`, chosen: words(40, "good"), rejected: words(20, "poor") }, // 199 vs 99
    { prompt: `Two ${t}?`, chosen: words(20, "good"), rejected: words(20, "poor") }, // 99 vs 99
    { prompt: `Three ${t}?`, chosen: words(10, "good"), rejected: words(30, "poor") }, // 49 vs 149
    { prompt: `Four ${t}?`, chosen: words(60, "good"), rejected: words(20, "poor") }, // 299 vs 99
  ];
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);

  // An admin overrules the file on pair four: the shorter answer wins there.
  const { pairs } = await (await request.get(`/api/projects/${projectId}/pairs`)).json();
  const four = pairs.find((p: { prompt: string }) => p.prompt.startsWith("Four"));
  const { pair } = await (await request.get(`/api/projects/${projectId}/pairs/${four.id}`)).json();
  const shorterSide = pair.candidateA.text.length < pair.candidateB.text.length ? "A" : "B";
  const adjudicated = await request.put(`/api/projects/${projectId}/pairs/${four.id}/review`, {
    data: { label: shorterSide, reason: "the long one rambles" },
  });
  expect(adjudicated.status()).toBe(200);

  await page.goto(`/projects/${projectId}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Metrics" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/metrics`);

  // Decided: 199/99, 99/99, 49/149 and (adjudicated) 99/299. Longer chosen: 1 of 4. Ratios
  // 2.01, 1, 0.329, 0.331: median (0.331 + 1)/2 = 0.67.
  const length = page.getByRole("region", { name: "Length bias" });
  await expect(length.getByText("Chosen answer is longer")).toBeVisible();
  await expect(length.locator("div", { hasText: "Chosen answer is longer" }).last()).toContainText("25.0%");
  await expect(length.locator("div", { hasText: "Chosen answer is longer" }).last()).toContainText("n = 4 pairs");
  await expect(length.locator("div", { hasText: "Median length ratio" }).last()).toContainText("0.67");
  await expect(length).toContainText("-2 to -1.5: 2; 0 to 0.5: 1; 1 to 1.5: 1");

  await expect(page.getByRole("region", { name: "Judge vs human" })).toContainText(
    "No pair has both a human and a judge label yet.",
  );
  await expect(page.getByRole("region", { name: "Position bias" })).toContainText("No judgments yet.");
  await expect(page.getByRole("region", { name: "Strong vs weak" })).toContainText(
    "No decided pair has a strong and a weak answer yet.",
  );
  await expect(page.getByRole("region", { name: "Agreement between annotators" })).toContainText("one vote per pair");

  const api = await (await request.get(`/api/projects/${projectId}/metrics`)).json();
  expect(api.metrics.lengthBias).toMatchObject({ n: 4, longerChosenShare: 0.25, nRatio: 4 });
});
