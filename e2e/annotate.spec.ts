import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startModelServer } from "../lib/testing/model-server";
import { signedInMember } from "./helpers";

interface PairRow {
  prompt: string;
  chosen: string;
  rejected: string;
}

const tag = () => randomBytes(3).toString("hex");
const questions = (n: number, t: string): PairRow[] =>
  Array.from({ length: n }, (_, i) => ({
    prompt: `Question ${i + 1} ${t}?`,
    chosen: `A careful answer to question ${i + 1}.`,
    rejected: `A careless answer to question ${i + 1}.`,
  }));

/** An imported, human-evaluated project holding `pairs`, and an annotator signed in on it. */
async function annotatorOn(browser: Browser, admin: APIRequestContext, pairs: PairRow[], guidelines = "") {
  const name = `Annotate ${tag()}`;
  const created = await admin.post("/api/projects", {
    data: { name, generationMode: "IMPORTED", evaluationMode: "HUMAN", guidelines },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const jsonl = pairs.map((p) => JSON.stringify(p)).join("\n") + "\n";
  const imported = await admin.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(jsonl),
  });
  expect(imported.status()).toBe(200);
  return { page: await memberOf(browser, admin, projectId), projectId, name };
}

/** A new annotator, member of the project, signed in on a page of their own. */
const memberOf = async (browser: Browser, admin: APIRequestContext, projectId: string) =>
  (await signedInMember(browser, admin, projectId)).page;

const prompt = (page: Page) => page.getByTestId("annotate-prompt");

/** Submits with `keys` and waits for a different pair (or the end) to be on screen. */
async function vote(page: Page, ...keys: string[]) {
  const before = await prompt(page).innerText();
  for (const k of keys) await page.keyboard.press(k);
  await expect(prompt(page).or(page.getByText("Nothing left to label in this project"))).not.toHaveText(before);
  return before;
}

const progressOf = async (page: Page, projectId: string) =>
  (await (await page.request.get(`/api/projects/${projectId}/annotate/progress`)).json()) as {
    mineTotal: number;
    mineToday: number;
  };

test("an annotator labels ten pairs with the keyboard alone, with strength, an edit and an undo", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const { page, projectId, name } = await annotatorOn(browser, request, questions(10, tag()));
  await page.getByTestId(`project-${name}`).getByRole("link", { name: "Start labelling" }).click();
  await expect(
    page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Annotate" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("annotate-progress")).toHaveText("today: 0 · left for you: 10 · project: 0/10");
  await expect(prompt(page)).toBeVisible();
  await expect(page.getByRole("article", { name: "Answer A" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Answer B" })).toBeVisible();

  // Choosing selects, Enter submits.
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: "A better" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("choice-status")).toContainText("A better selected: Enter submits");
  await vote(page, "Enter");

  // Strength.
  await page.keyboard.press("b");
  await page.keyboard.press("Shift+2");
  await expect(page.getByRole("button", { name: "Clearly" })).toHaveAttribute("aria-pressed", "true");
  await vote(page, "Enter");

  // Edit to improve: E before choosing asks which answer; the rewrite goes with the vote.
  await page.keyboard.press("e");
  await expect(page.getByRole("group", { name: "Edit which answer?" })).toBeVisible();
  await page.keyboard.press("a");
  const box = page.getByLabel("Your improved version of answer A");
  await expect(box).toBeFocused();
  const original = await page.getByTestId("answer-A").innerText();
  await expect(box).toHaveValue(original.trim());
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Now with an example.");
  await expect(page.getByRole("button", { name: "A better" })).toHaveAttribute("aria-pressed", "true");
  await vote(page, "Control+Enter");

  // Undo brings the same pair back; vote again differently.
  const undone = await vote(page, "t", "Enter");
  await page.keyboard.press("u");
  await expect(page.getByTestId("annotate-status")).toContainText("Vote undone: the pair is back");
  await expect(prompt(page)).toHaveText(undone);
  await expect(page.getByRole("button", { name: "Tie" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("x");
  await expect(page.getByRole("button", { name: "Tie" })).toHaveAttribute("aria-pressed", "false");
  await vote(page, "Enter");

  for (let i = 0; i < 6; i++) await vote(page, i % 2 ? "2" : "a", "Enter");

  await expect(page.getByRole("heading", { name: "Nothing left to label in this project" })).toBeVisible();
  await expect(page.getByTestId("annotate-totals")).toContainText("You labelled 10 pairs in total, 10 today");

  // What was stored, as an admin sees it: ten votes, one with the strength, one with the edit,
  // and the undone pair's final vote is "both bad", not the tie.
  const { pairs } = await (await request.get(`/api/projects/${projectId}/pairs?limit=50`)).json();
  const reviews = await Promise.all(
    pairs.map(async (p: { id: string }) =>
      (await request.get(`/api/projects/${projectId}/pairs/${p.id}/review`)).json(),
    ),
  );
  const stored = reviews.flatMap(
    (r: { votes: { choice: string; strength: number | null; editedText: string | null }[] }) => r.votes,
  );
  expect(stored).toHaveLength(10);
  expect(stored.filter((v) => v.strength === 2)).toHaveLength(1);
  expect(stored.filter((v) => v.editedText?.endsWith("Now with an example."))).toHaveLength(1);
  expect(stored.filter((v) => v.choice === "TIE")).toHaveLength(0);
  expect(stored.filter((v) => v.choice === "BOTH_BAD")).toHaveLength(1);
  await expect(page.getByTestId("annotate-progress")).toHaveText("today: 10 · left for you: 0 · project: 10/10");
  await expect.poll(async () => (await progressOf(page, projectId)).mineTotal).toBe(10);
  expect(await page.evaluate(() => performance.getEntriesByName("pairwise:next-pair").length)).toBeGreaterThanOrEqual(
    9,
  );
});

test("the next pair is on screen at Enter without waiting for the server, and D highlights the differences", async ({
  browser,
  request,
}) => {
  const pairs = questions(4, tag()).map((p) => ({
    ...p,
    chosen: "The cat sat on the mat.",
    rejected: "The dog sat on the red mat.",
  }));
  const { page, projectId } = await annotatorOn(browser, request, pairs);
  await page.goto(`/projects/${projectId}/annotate`);
  await expect(prompt(page)).toBeVisible();

  // The first pair is in the server's HTML: a key pressed before the page has hydrated reaches no
  // handler, so D is pressed again until it has (once heard, it is not pressed again).
  const differences = page.getByRole("button", { name: "Differences" });
  await expect(async () => {
    if ((await differences.getAttribute("aria-pressed")) !== "true") await page.keyboard.press("d");
    await expect(differences).toHaveAttribute("aria-pressed", "true", { timeout: 2000 });
  }).toPass();
  // Sides are random: whichever is left, its removals plus the right's additions are the changed words.
  const removed = await page.getByTestId("diff-A").locator("del").allInnerTexts();
  const added = await page.getByTestId("diff-B").locator("ins").allInnerTexts();
  expect([...removed, ...added].map((w) => w.trim()).sort()).toEqual(["cat", "dog", "red"]);
  await page.keyboard.press("d");
  await expect(page.getByTestId("diff-A")).toHaveCount(0);

  // An annotator reads for seconds, time enough for the prefetch to refill: wait for it likewise.
  const held = page.locator("[data-held]");
  for (const expected of ["3", "3"]) {
    await expect(held).toHaveAttribute("data-held", expected);
    await vote(page, "1", "Enter");
  }
  // Now the server stops answering: the next pair still comes at once, from what was prefetched,
  // and the vote is sent when the server is back. (Speed itself is a benchmark: annotate-ui.)
  await expect(held).toHaveAttribute("data-held", "2"); // the project's last two pairs
  let stall = true;
  const stalled: (() => Promise<void>)[] = [];
  await page.route("**/annotate/**", (route) => (stall ? void stalled.push(() => route.continue()) : route.continue()));
  await vote(page, "1", "Enter");
  // The vote (and the refill) are sent after the next pair is shown, and wait on the server.
  await expect.poll(() => stalled.length).toBeGreaterThan(0);
  stall = false;
  for (const release of stalled) await release();
  await expect.poll(async () => (await progressOf(page, projectId)).mineTotal).toBe(3);
  const durations = await page.evaluate(() => performance.getEntriesByName("pairwise:next-pair").length);
  expect(durations).toBe(3);
});

test("a vote that meets a reset connection waits in the tab, is retried past any count, and is saved", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { page, projectId } = await annotatorOn(browser, request, questions(3, tag()));
  await page.goto(`/projects/${projectId}/annotate`);
  await expect(prompt(page)).toBeVisible();
  // A proxy reset, a restarting server, Wi-Fi without a route: not "offline" to the browser.
  let failing = true;
  let resets = 0;
  await page.route("**/annotate/votes", (route) => {
    if (!failing) return route.continue();
    resets++;
    return route.abort("connectionreset");
  });
  await vote(page, "1", "Enter");
  const waiting = page.getByTestId("annotate-waiting");
  await expect(waiting).toContainText("1 vote is not saved yet");
  // "Try now" skips the back-off: well past the old limit of seven attempts, the vote still waits.
  while (resets < 10) {
    const before = resets;
    await waiting.getByRole("button", { name: "Try now" }).click();
    await expect.poll(() => resets).toBeGreaterThan(before);
  }
  await expect(waiting).toContainText("1 vote is not saved yet");
  expect((await progressOf(page, projectId)).mineTotal).toBe(0);
  // Closing the tab meanwhile asks first.
  const asked = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.dismiss();

  failing = false;
  await waiting.getByRole("button", { name: "Try now" }).click();
  await expect(waiting).toBeEmpty();
  await expect.poll(async () => (await progressOf(page, projectId)).mineTotal).toBe(1);
  await expect(page.getByTestId("annotate-status")).not.toContainText("could not be saved");
});

test("answers are shown as inert text: no script, no image handler, no javascript: link runs", async ({
  browser,
  request,
}) => {
  const hostile =
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click me](javascript:alert(1))\n\n```js\nconsole.log(`**code**`)\n```";
  const { page, projectId } = await annotatorOn(browser, request, [
    { prompt: `XSS ${tag()}`, chosen: hostile, rejected: hostile.replace("click me", "or me") },
  ]);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`/projects/${projectId}/annotate`);
  for (const label of ["A", "B"]) {
    const answer = page.getByTestId(`answer-${label}`);
    await expect(answer.getByText("<script>alert(1)</script>")).toBeVisible();
    await expect(answer.getByText("<img src=x onerror=alert(1)>")).toBeVisible();
    await expect(answer.locator("img, script, a[href^='javascript']")).toHaveCount(0);
    await expect(answer.locator("pre code")).toHaveText("console.log(`**code**`)");
  }
  // The link's target was dropped: clicking its text does nothing. (Sides are random: either text.)
  await page
    .getByTestId("answer-A")
    .getByText(/^(click|or) me$/)
    .click();
  await page.keyboard.press("d");
  await expect(page.getByTestId("diff-A")).toContainText("<script>alert(1)</script>");
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test("an annotator skips a pair with a reason, reads the guidelines, and reaches the end", async ({
  browser,
  request,
}) => {
  const { page, projectId } = await annotatorOn(
    browser,
    request,
    questions(2, tag()),
    "# Rules\n\nPrefer **correct** answers.",
  );
  await page.goto(`/projects/${projectId}/annotate`);
  await expect(prompt(page)).toBeVisible();

  await page.keyboard.press("g");
  const guidelines = page.getByRole("dialog", { name: "Guidelines" });
  await expect(guidelines).toContainText("Prefer correct answers.");
  await page.keyboard.press("Escape");
  await expect(guidelines).toHaveCount(0);
  await page.keyboard.press("Shift+?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Undo the last vote");
  await page.keyboard.press("Escape");

  const skipped = await prompt(page).innerText();
  await page.keyboard.press("s");
  const dialog = page.getByRole("dialog", { name: "Skip this pair" });
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  await expect(dialog.getByRole("radio", { name: "I can't judge this topic" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: "The prompt is unclear" })).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.type("asks two things");
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(prompt(page)).not.toHaveText(skipped);
  await expect(page.getByTestId("annotate-status")).toHaveText("Skipped");

  await vote(page, "2", "Enter");
  await expect(page.getByRole("heading", { name: "Nothing left to label in this project" })).toBeVisible();
  await expect(page.getByTestId("annotate-totals")).toContainText("You labelled 1 pair in total, 1 today");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Nothing left to label in this project" })).toBeVisible();
  expect((await progressOf(page, projectId)).mineTotal).toBe(1);
});

test("an annotator removed from the project, or whose project is archived, is told so and shown no more pairs", async ({
  browser,
  request,
}) => {
  const { page, projectId } = await annotatorOn(browser, request, questions(6, tag()));
  const other = await signedInMember(browser, request, projectId);
  for (const p of [page, other.page]) {
    await p.goto(`/projects/${projectId}/annotate`);
    await expect(prompt(p)).toBeVisible();
  }
  await vote(page, "1", "Enter");
  await expect(page.getByTestId("annotate-status")).toContainText("Vote saved");

  const { users } = await (await request.get("/api/admin/users")).json();
  const email = (await (await page.request.get("/api/me")).json()).user.email as string;
  const removedId = users.find((u: { email: string }) => u.email === email).id as string;
  expect((await request.delete(`/api/projects/${projectId}/members/${removedId}`)).status()).toBe(200);
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  const closed = page.getByRole("heading", { name: "This project is no longer open to you" });
  await expect(closed).toBeVisible();
  await expect(prompt(page)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Your projects" })).toBeVisible();

  expect((await request.patch(`/api/projects/${projectId}`, { data: { archived: true } })).status()).toBe(200);
  await other.page.keyboard.press("2");
  await other.page.keyboard.press("Enter");
  await expect(other.page.getByRole("heading", { name: "This project is no longer open to you" })).toBeVisible();
  await expect(other.page.getByText("Nothing left to label in this project")).toHaveCount(0);
});

test("an annotator sees the system prompt the answers were generated with, after the project's changed", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const server = await startModelServer({ latencyMs: 5 });
  try {
    const t = tag();
    const created = await request.post("/api/projects", {
      data: {
        name: `System ${t}`,
        generationMode: "STRONG_WEAK",
        evaluationMode: "HUMAN",
        systemPrompt: "SYSTEM-AT-GENERATION",
      },
    });
    expect(created.status()).toBe(200);
    const projectId = (await created.json()).project.id as string;
    const [strong, weak] = await Promise.all(
      ["test-strong", "test-weak"].map(async (modelId) => {
        const res = await request.post("/api/admin/endpoints", {
          data: { name: `${modelId} ${t}`, provider: "OPENAI_COMPATIBLE", baseUrl: server.baseUrl, modelId },
        });
        expect(res.status()).toBe(200);
        return (await res.json()).endpoint.id as string;
      }),
    );
    expect((await request.put(`/api/projects/${projectId}/endpoints`, { data: { strong, weak } })).status()).toBe(200);
    const prompts = await request.post(`/api/projects/${projectId}/imports/prompts?fileName=p.jsonl`, {
      headers: { "Content-Type": "application/octet-stream" },
      data: Buffer.from(`${JSON.stringify({ prompt: `Explain kilns ${t}.` })}\n`),
    });
    expect(prompts.status()).toBe(200);
    expect((await request.post(`/api/projects/${projectId}/runs`)).status()).toBe(200);
    const runStatus = async () =>
      (
        (await (await request.get(`/api/projects/${projectId}/runs?kind=GENERATION`)).json()).runs as {
          status: string;
        }[]
      )[0]!.status;
    await expect.poll(runStatus, { timeout: 60_000 }).toBe("COMPLETED");
    const patched = await request.patch(`/api/projects/${projectId}`, {
      data: { systemPrompt: "SYSTEM-CHANGED-LATER" },
    });
    expect(patched.status()).toBe(200);

    const page = await memberOf(browser, request, projectId);
    await page.goto(`/projects/${projectId}/annotate`);
    await expect(prompt(page)).toContainText(`Explain kilns ${t}.`);
    const system = page.getByText("System prompt", { exact: true });
    await expect(system).toBeVisible();
    await system.click();
    await expect(page.getByTestId("annotate-system")).toHaveText("SYSTEM-AT-GENERATION");
  } finally {
    await server.close();
  }
});

test("prompts keep their line breaks and characters as written; answers break lines at single newlines", async ({
  browser,
  request,
}) => {
  const t = tag();
  const { page, projectId } = await annotatorOn(browser, request, [
    {
      prompt: `Poem ${t}:\nroses are red\nviolets are blue\r\nCRLF line\r\nUse *stars*.`,
      chosen: "First line\nsecond *line*",
      rejected: "Other line\nsecond *line*",
    },
  ]);
  await page.goto(`/projects/${projectId}/annotate`);
  expect(await prompt(page).innerText()).toBe(`Poem ${t}:\nroses are red\nviolets are blue\nCRLF line\nUse *stars*.`);
  // Sides are random: either answer may be A.
  expect(await page.getByTestId("answer-A").innerText()).toMatch(/^(First|Other) line\nsecond line$/);
  await expect(page.getByTestId("answer-A").locator("em")).toHaveText("line");
});
