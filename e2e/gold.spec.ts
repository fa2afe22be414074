import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createUser, noSession, signIn } from "./helpers";

test("an admin marks a pair gold, an annotator is served it like any other, and the metrics show their accuracy", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const t = randomBytes(3).toString("hex");
  const created = await request.post("/api/projects", {
    data: { name: `Gold ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const rows = [
    ...Array.from({ length: 20 }, (_, i) => ({
      prompt: `Question ${i + 1} ${t}?`,
      chosen: `A careful answer to question ${i + 1}.`,
      rejected: `A careless answer to question ${i + 1}.`,
    })),
    { prompt: `Known question ${t}?`, chosen: "The right answer.", rejected: "The wrong answer." },
  ];
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);
  const annotator = await createUser(request);
  const { users } = await (await request.get("/api/admin/users")).json();
  const userId = users.find((u: { email: string }) => u.email === annotator.email).id as string;
  expect((await request.post(`/api/projects/${projectId}/members`, { data: { userId } })).status()).toBe(200);

  // The admin marks the known question gold, with the right answer's side, from the pair page.
  const { pairs } = await (await request.get(`/api/projects/${projectId}/pairs?q=Known`)).json();
  const goldId = pairs[0].id as string;
  const { pair } = await (await request.get(`/api/projects/${projectId}/pairs/${goldId}`)).json();
  const right = pair.candidateA.text === "The right answer." ? "A better" : "B better";
  await page.goto(`/projects/${projectId}/pairs/${goldId}`);
  const form = page.getByRole("form", { name: "Gold pair" });
  await form.getByLabel(right).check();
  await form.getByRole("button", { name: "Mark as gold" }).click();
  await page.getByRole("button", { name: `Mark gold: ${right}` }).click();
  await expect(form.getByTestId("gold-current")).toContainText(`its known answer is ${right}`);

  // Half of the annotator's items are gold while regular work remains.
  await page.goto(`/projects/${projectId}/settings`);
  const settings = page.getByRole("form", { name: "Gold pairs and trust" });
  await settings.getByLabel("Gold pairs among an annotator's items (%, 0 serves none)").fill("50");
  await settings.getByRole("button", { name: "Save gold settings" }).click();
  await expect(settings.getByRole("status")).toHaveText("Saved");

  // The annotator labels until the known question comes (at 50% per item, within 20 items all
  // but surely), and answers it right.
  const context = await browser.newContext(noSession);
  const annotate = await context.newPage();
  await signIn(annotate, annotator.email, annotator.password);
  await annotate.waitForURL("/");
  await annotate.goto(`/projects/${projectId}/annotate`);
  const prompt = annotate.getByTestId("annotate-prompt");
  let served = false;
  for (let i = 0; i < rows.length && !served; i++) {
    await expect(prompt).toBeVisible();
    const before = await prompt.innerText();
    served = before.includes("Known question");
    const leftIsRight = (await annotate.getByRole("article", { name: "Answer A" }).innerText()).includes(
      "The right answer.",
    );
    // The vote is sent after the next pair is on screen: the gold answer's must be saved before
    // the annotator's browser closes.
    const assignment = await annotate.getByTestId("annotate-pair").getAttribute("data-assignment");
    const saved = served
      ? annotate.waitForResponse(
          (r) => r.url().endsWith("/annotate/votes") && (r.request().postData() ?? "").includes(assignment ?? "-"),
        )
      : null;
    await annotate.keyboard.press(served && !leftIsRight ? "2" : "1");
    await annotate.keyboard.press("Enter");
    await expect(prompt.or(annotate.getByText("Nothing left to label in this project"))).not.toHaveText(before);
    if (saved) expect((await saved).status()).toBe(200);
  }
  expect(served).toBe(true);
  await context.close();

  await page.goto(`/projects/${projectId}/metrics`);
  const gold = page.getByRole("region", { name: "Accuracy on gold pairs" });
  await expect(gold).toContainText("1 gold pair.");
  const row = gold.getByRole("row", { name: annotator.email });
  await expect(row).toContainText("100.0%");
  await expect(row).toContainText("1 of n = 1");
  await expect(gold).toContainText("no trust rule is set");
});
