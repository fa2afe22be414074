import { expect, test } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { createUser, noSession, signIn } from "./helpers";

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
  await expect(dashboard.getByRole("region", { name: /Votes per day \(last 30 days: 1\)/ })).toBeVisible();
  const annotators = dashboard.getByTestId("dashboard-annotators");
  await expect(annotators.getByRole("row", { name: new RegExp(annotator.email) })).toContainText("4.0 s");
});
