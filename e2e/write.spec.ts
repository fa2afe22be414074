import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createUser, signIn, signedInMember } from "./helpers";

const tag = randomBytes(3).toString("hex");

test("two writers answer prompts, a reviewer compares human vs model answers, the admin exports them", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const created = await request.post("/api/projects", {
    data: {
      name: `Write ${tag}`,
      generationMode: "IMPORTED",
      evaluationMode: "HUMAN",
      guidelines: "Answer **briefly** and correctly.",
      writersPerPrompt: 1,
      minAnswerChars: 10,
      humanPairing: "SAMPLES",
    },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const jsonl = [1, 2]
    .map((i) =>
      JSON.stringify({
        prompt: `Question ${i} ${tag}?`,
        chosen: `Model answer ${i}a.`,
        rejected: `Model answer ${i}b.`,
      }),
    )
    .join("\n");
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(jsonl),
  });
  expect(imported.status()).toBe(200);

  // The first writer answers the first prompt with the keyboard, and skips the second.
  const first = await signedInMember(browser, request, projectId);
  await first.page.goto(`/projects/${projectId}`);
  await first.page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Write" }).click();
  await expect(first.page.getByTestId("annotate-prompt")).toContainText(`Question 1 ${tag}?`);
  await expect(first.page.getByTestId("write-progress")).toContainText("left for you: 2");
  const editor = first.page.getByRole("textbox", { name: "Answer (markdown)" });
  await editor.fill("Too short");
  await first.page.keyboard.press("Control+Enter");
  await expect(first.page.getByText("Write at least 10 characters")).toBeVisible();
  const answer1 = `  Human answer **one** ${tag}\n\n- kept as typed  `;
  await editor.fill(answer1);
  await expect(first.page.getByTestId("write-count")).toContainText("/ 10 characters minimum");
  await first.page.keyboard.press("Escape");
  await first.page.keyboard.press("p");
  await expect(first.page.getByTestId("write-preview").locator("strong")).toHaveText("one");
  await first.page.keyboard.press("?");
  await expect(first.page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await first.page.keyboard.press("Escape");
  await first.page.keyboard.press("Control+Enter");
  await expect(first.page.getByTestId("annotate-prompt")).toContainText(`Question 2 ${tag}?`);
  await first.page.keyboard.press("Escape");
  await first.page.keyboard.press("s");
  await first.page.getByRole("textbox", { name: "Reason" }).fill("Not my field");
  await first.page.getByRole("button", { name: "Skip prompt" }).click();
  await expect(first.page.getByText("Nothing left to write in this project")).toBeVisible();

  // The second writer gets the prompt the first skipped.
  const second = await signedInMember(browser, request, projectId);
  await second.page.goto(`/projects/${projectId}/write`);
  await expect(second.page.getByTestId("annotate-prompt")).toContainText(`Question 2 ${tag}?`);
  const answer2 = `Human answer two ${tag}, written with care.`;
  await second.page.getByRole("textbox", { name: "Answer (markdown)" }).fill(answer2);
  await second.page.getByRole("button", { name: /Submit answer/ }).click();
  await expect(second.page.getByText("Nothing left to write in this project")).toBeVisible();

  // A reviewer: the two imported pairs and four human-vs-model ones, shown alike; the human answer wins.
  const reviewer = await signedInMember(browser, request, projectId);
  await reviewer.page.goto(`/projects/${projectId}/annotate`);
  const seen: string[] = [];
  const nothingLeft = reviewer.page.getByText("Nothing left to label in this project");
  // What is on screen, without waiting: between the last pair and "Nothing left", neither is.
  const text = (id: string) =>
    reviewer.page
      .getByTestId(id)
      .innerText({ timeout: 500 })
      .catch(() => null);
  const shown = async () => {
    if (await nothingLeft.isVisible()) return "done";
    const [a, b] = await Promise.all([text("answer-A"), text("answer-B")]);
    return a === null || b === null ? "between pairs" : `${a}|${b}`;
  };
  for (let i = 0; i < 6; i++) {
    await expect.poll(shown).toContain("|");
    const before = await shown();
    const [left, right] = before.split("|") as [string, string];
    seen.push(left, right);
    await reviewer.page.keyboard.press(right.includes("Human answer") ? "2" : "1");
    await reviewer.page.keyboard.press("Enter");
    await expect.poll(shown).not.toBe(before);
  }
  await expect(reviewer.page.getByText("Nothing left to label in this project")).toBeVisible();
  // Votes are sent in the background: wait until the last one has landed.
  await expect
    .poll(
      async () =>
        (await (await reviewer.page.request.get(`/api/projects/${projectId}/annotate/progress`)).json()).mineTotal,
    )
    .toBe(6);
  expect(seen.filter((t) => t.includes("Human answer")).length).toBe(4);

  // The export: the human answers as chosen, exactly as typed, with their source and author.
  const rows = (await (await request.get(`/api/projects/${projectId}/export?format=trl&metadata=true`)).text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const human = rows.filter((r) => r.source === "human");
  expect(human).toHaveLength(4);
  expect(human.filter((r) => r.chosen === answer1).map((r) => r.chosen_author_id)).toEqual([
    first.userId,
    first.userId,
  ]);
  expect(human.filter((r) => r.chosen === answer2).map((r) => r.chosen_author_id)).toEqual([
    second.userId,
    second.userId,
  ]);
  const sft = (await (await request.get(`/api/projects/${projectId}/export?format=sft&humanOnly=true`)).text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  expect(sft.map((r) => r.output).sort()).toEqual([answer1, answer1, answer2, answer2].sort());
});

test("in the editor Tab indents and S is a letter; a skip keeps the text; the next person in the tab never sees it", async ({
  browser,
  request,
}) => {
  const created = await request.post("/api/projects", {
    data: {
      name: `Write keys ${tag}`,
      generationMode: "IMPORTED",
      evaluationMode: "HUMAN",
      writersPerPrompt: 2,
      humanPairing: "SAMPLES",
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const line = (i: number) => JSON.stringify({ prompt: `Keys ${i} ${tag}?`, chosen: "A.", rejected: "B." });
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=k.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from([1, 2].map(line).join("\n")),
  });
  expect(imported.status()).toBe(200);

  const { page } = await signedInMember(browser, request, projectId);
  await page.goto(`/projects/${projectId}/write`);
  const editor = page.getByRole("textbox", { name: "Answer (markdown)" });
  await editor.click();
  await page.keyboard.type("def f():");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("sum = 1");
  await expect(editor).toHaveValue("def f():\n\tsum = 1");
  await expect(editor).toBeFocused();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Esc leaves the editor; S then skips, and the text typed stays above the editor.
  await page.keyboard.press("Escape");
  await page.keyboard.press("s");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The text you wrote is not submitted");
  await dialog.getByRole("textbox", { name: "Reason" }).fill("Not my field");
  await dialog.getByRole("button", { name: "Skip prompt" }).click();
  const kept = page.getByRole("region", { name: "Answer not submitted" });
  await expect(kept.getByRole("textbox")).toHaveValue("def f():\n\tsum = 1");

  // Signed out, someone else signs in to the same tab: what the first person typed is gone.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  const other = await createUser(request);
  const { users } = await (await request.get("/api/admin/users")).json();
  const otherId = users.find((u: { email: string }) => u.email === other.email).id as string;
  expect((await request.post(`/api/projects/${projectId}/members`, { data: { userId: otherId } })).status()).toBe(200);
  await signIn(page, other.email, other.password);
  await page.waitForURL("/");
  await page.goto(`/projects/${projectId}/write`);
  await expect(page.getByTestId("annotate-prompt")).toContainText(`Keys 1 ${tag}?`);
  await expect(kept).toHaveCount(0);
});
