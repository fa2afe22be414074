import { expect, test } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { createUser, noSession, signIn } from "./helpers";

// The Pairs list and the pair page as an admin uses them: search, a filter kept in the URL, a
// pair opened from the list, previous/next within it, an annotator's edit beside the original,
// a skip with its reason, and an adjudication that starts with no choice and confirms when saved.

test("an admin searches and filters the pairs, steps through them and adjudicates one", async ({
  browser,
  page,
  request,
}) => {
  // Two users, three pages and a dozen navigations: longer than the default on a busy machine.
  test.setTimeout(90_000);
  const t = randomBytes(3).toString("hex");
  const created = await request.post("/api/projects", {
    data: { name: `Pairs ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const rows = [
    { prompt: `How do herons catch fish ${t}?`, chosen: "They stand still and strike fast.", rejected: "With nets." },
    { prompt: `Name a wading bird ${t}.`, chosen: "The grey heron stands in shallow water.", rejected: "A sparrow." },
    { prompt: `What is a kingfisher ${t}?`, chosen: "A small bright bird that dives for fish.", rejected: "A king." },
  ];
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);

  // An annotator rewrites an answer on one pair and skips another, through the API the annotate page uses.
  const annotator = await createUser(request);
  const { users } = await (await request.get("/api/admin/users")).json();
  const userId = users.find((u: { email: string }) => u.email === annotator.email).id as string;
  expect((await request.post(`/api/projects/${projectId}/members`, { data: { userId } })).status()).toBe(200);
  const context = await browser.newContext(noSession);
  const annotatorPage = await context.newPage();
  await signIn(annotatorPage, annotator.email, annotator.password);
  await annotatorPage.waitForURL("/");
  const next = await annotatorPage.request.post(`/api/projects/${projectId}/annotate/next`, { data: { count: 3 } });
  expect(next.status()).toBe(200);
  const { items } = (await next.json()) as {
    items: { assignmentId: string; prompt: { text: string }; left: { text: string } }[];
  };
  const heron = items.find((i) => i.prompt.text.startsWith("Name a wading bird"))!;
  const fish = items.find((i) => i.prompt.text.startsWith("How do herons"))!;
  const edited = heron.left.text.replace(/\.$/, ", waiting for fish.");
  const voted = await annotatorPage.request.post(`/api/projects/${projectId}/annotate/votes`, {
    data: {
      voteId: randomUUID(),
      assignmentId: heron.assignmentId,
      choice: "LEFT",
      editedText: edited,
      timeOnItemMs: 4000,
    },
  });
  expect(voted.status()).toBe(200);
  const skipped = await annotatorPage.request.post(`/api/projects/${projectId}/annotate/skips`, {
    data: { assignmentId: fish.assignmentId, reason: "I know nothing about birds" },
  });
  expect(skipped.status()).toBe(200);
  await context.close();

  await page.goto(`/projects/${projectId}/pairs`);
  await expect(page.getByTestId("pair-count")).toHaveText("3 pairs");
  const table = page.getByRole("table", { name: "Pairs" });

  // Search: a word in an answer, then a word in a prompt or an answer.
  const search = page.getByRole("search", { name: "Search and filter pairs" });
  await search.getByLabel("Search prompts and answers").fill("heron");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=heron(&|$)/);
  await expect(table.getByTestId("pair-row")).toHaveCount(1);
  await expect(table).toContainText("Name a wading bird");
  await expect(table.getByTestId("pair-row")).toContainText("1 vote");

  // A filter with the search: the edited pair alone; the URL holds both, so it can be shared.
  await search.getByLabel("Search prompts and answers").fill("heron OR herons OR kingfisher");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(table.getByTestId("pair-row")).toHaveCount(3);
  await search.getByLabel("Edited").check();
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/edited=1/);
  await expect(table.getByTestId("pair-row")).toHaveCount(1);
  await page.reload();
  await expect(table.getByTestId("pair-row")).toHaveCount(1);
  await expect(search.getByLabel("Edited")).toBeChecked();
  await search.getByLabel("Edited").uncheck();
  await search.getByLabel("Outcome").selectOption("none");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(table.getByTestId("pair-row")).toHaveCount(2);

  // Open the first of the two and step through the filtered list.
  const [first, second] = (await table.getByTestId("pair-row").getByRole("link").allInnerTexts()).map((x) => x.trim());
  expect([first, second].sort()).toEqual([rows[0]!.prompt, rows[2]!.prompt].sort());
  await table.getByRole("link", { name: first }).click();
  const nav = page.getByRole("navigation", { name: "Pair navigation" });
  await expect(page.getByTestId("pair-prompt")).toHaveText(first!);
  await expect(nav.getByText("First in the list")).toBeVisible();
  await nav.getByRole("link", { name: "Next pair →" }).click();
  await expect(page.getByTestId("pair-prompt")).toHaveText(second!);
  await expect(nav.getByText("Last in the list")).toBeVisible();
  await nav.getByRole("link", { name: "← Previous pair" }).click();
  await expect(page.getByTestId("pair-prompt")).toHaveText(first!);
  // The skip and its reason, on the pair skipped.
  await page.goto(`/projects/${projectId}/pairs?q=herons`);
  await table.getByRole("link", { name: /How do herons/ }).click();
  await expect(page.getByTestId("pair-skip")).toContainText(`${annotator.email}: I know nothing about birds`);

  // The edited pair: the rewrite beside the original, the added words marked.
  await page.goto(`/projects/${projectId}/pairs?q=wading`);
  await table.getByRole("link", { name: /Name a wading bird/ }).click();
  const edit = page.getByTestId("pair-edit");
  await expect(edit.getByTestId("edit-original")).toHaveText(heron.left.text);
  await expect(edit.getByTestId("edit-edited")).toHaveText(edited);
  await expect(edit.getByTestId("edit-edited").locator("ins")).toContainText("waiting for fish");

  // Adjudicate: no label chosen at first; saving without one is refused on the spot.
  const form = page.getByRole("form", { name: "Adjudicate" });
  for (const radio of await form.getByRole("radio").all()) await expect(radio).not.toBeChecked();
  await form.getByLabel("Reason").fill("The rewrite is right, and so is A.");
  await form.getByRole("button", { name: "Adjudicate" }).click();
  await expect(form.getByText("Choose a label.")).toBeVisible();
  await form.getByLabel("Tie").check();
  await form.getByRole("button", { name: "Adjudicate" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: Tie. This label now overrides the votes.");
  await expect(page.getByTestId("pair-outcome")).toHaveText("Tie (adjudicated)");
  await expect(form.getByTestId("adjudication-current")).toContainText("Decided Tie by");

  // The list now finds it under its new outcome, and no longer among the unresolved.
  await page.goto(`/projects/${projectId}/pairs?outcome=TIE`);
  await expect(table.getByTestId("pair-row")).toHaveCount(1);
  await page.goto(`/projects/${projectId}/pairs?outcome=TIE&unresolved=1`);
  await expect(page.getByText("No pairs match.")).toBeVisible();
});
