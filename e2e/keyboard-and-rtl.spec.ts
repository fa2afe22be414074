import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createUser, noSession, signIn } from "./helpers";

// What the axe checks cannot see: right-to-left text laid out as written, results announced,
// focus kept visible and in place, and no sideways scrolling on a phone.

const HEBREW_PROMPT = "שלום, מה שלומך?";

async function project(request: APIRequestContext, extra: Record<string, unknown> = {}) {
  const t = randomBytes(3).toString("hex");
  const created = await request.post("/api/projects", {
    data: { name: `Keys ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN", ...extra },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  // Each answer mixes an English paragraph and a Hebrew one: each should run in its own direction.
  const rows = [1, 2].map((i) => ({
    prompt: `${HEBREW_PROMPT} ${i} ${t}`,
    chosen: `Hello there ${i}!\n\nשלום עולם ${i}23!`,
    rejected: `Good day ${i}!\n\nבוקר טוב ${i}56!`,
  }));
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);
  return projectId;
}

const direction = (l: Locator) => l.evaluate((el) => getComputedStyle(el).direction);

/** Whether the focused element draws an outline or a ring (Tailwind rings are box shadows). */
const focusShows = (page: Page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return document.activeElement !== document.body && (s.outlineStyle !== "none" || s.boxShadow !== "none");
  });

test("annotating: RTL text runs right to left, Enter on a choice picks it, the vote is announced", async ({
  page,
  request,
}) => {
  const projectId = await project(request);
  await page.goto(`/projects/${projectId}/annotate`);
  const prompt = page.getByTestId("annotate-prompt");
  await expect(prompt).toContainText(HEBREW_PROMPT);
  expect(await direction(prompt)).toBe("rtl");
  const answers = page.getByRole("article", { name: /^Answer [AB], (left|right)$/ });
  expect(await direction(answers.locator("p", { hasText: "שלום עולם" }))).toBe("rtl");
  expect(await direction(answers.locator("p", { hasText: "Hello there" }))).toBe("ltr");

  // Enter on a focused choice button presses it, as on any button; pressed, Enter submits.
  const b = page.getByRole("button", { name: "B better" });
  await b.focus();
  await page.keyboard.press("Enter");
  await expect(b).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("annotate-status")).not.toContainText("Choose first");

  // Leaving the edit box with Esc lands on the workspace, which shows that it has focus.
  await page.keyboard.press("e");
  const box = page.getByLabel("Your improved version of answer B");
  await expect(box).toBeFocused();
  expect(await box.getAttribute("dir")).toBe("auto");
  await page.keyboard.press("Escape");
  await expect(box).not.toBeFocused();
  expect(await focusShows(page)).toBe(true);

  const first = await prompt.innerText();
  await page.keyboard.press("Enter");
  await expect(prompt).not.toHaveText(first);
  await expect(page.getByTestId("annotate-status")).toHaveText("Vote saved. Next pair shown.");

  // Shift+B is B, as b and Caps Lock B are.
  await page.keyboard.press("Shift+B");
  await expect(b).toHaveAttribute("aria-pressed", "true");
  await b.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("annotate-status")).toHaveText("Vote saved. Nothing left to label.");
});

test("the pair page: RTL text runs right to left and focus stays on the button after adjudicating", async ({
  page,
  request,
}) => {
  const projectId = await project(request);
  await page.goto(`/projects/${projectId}/pairs`);
  const cell = page.locator("[dir=auto]", { hasText: HEBREW_PROMPT }).first();
  expect(await direction(cell)).toBe("rtl");
  await cell.click();
  const prompt = page.getByTestId("pair-prompt");
  await expect(prompt).toContainText(HEBREW_PROMPT);
  expect(await direction(prompt)).toBe("rtl");

  const form = page.getByRole("form", { name: "Adjudicate" });
  await form.getByRole("radio", { name: "Tie" }).check();
  await form.getByLabel("Reason").fill("שתיהן טובות");
  await form.getByRole("button", { name: "Adjudicate" }).click();
  await expect(form.getByRole("button", { name: "Update adjudication" })).toBeFocused();
});

test("writing: the saved answer is announced", async ({ page, request }) => {
  const projectId = await project(request, { writersPerPrompt: 1, minAnswerChars: 10, humanPairing: "SAMPLES" });
  await page.goto(`/projects/${projectId}/write`);
  await expect(page.getByTestId("annotate-prompt")).toContainText(HEBREW_PROMPT);
  const editor = page.getByRole("textbox", { name: "Answer (markdown)" });
  await expect(editor).toHaveAttribute("dir", "auto");
  await editor.fill("תשובה ארוכה מספיק.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("write-status")).toHaveText("Answer saved. Next prompt shown.");
  await expect(editor).toHaveValue("");
});

test("at 390 px nothing is wider than the screen", async ({ browser, page, request }) => {
  test.setTimeout(60_000);
  const projectId = await project(request);
  const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const phone = { width: 390, height: 844 };
  await page.setViewportSize(phone);
  for (const path of ["/projects", `/projects/${projectId}/pairs`]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    expect(await overflow(page), path).toBeLessThanOrEqual(0);
  }

  // An annotator's header carries the longer role badge and their own address.
  const annotator = await createUser(request);
  const { users } = await (await request.get("/api/admin/users")).json();
  const userId = users.find((u: { email: string }) => u.email === annotator.email).id as string;
  expect((await request.post(`/api/projects/${projectId}/members`, { data: { userId } })).status()).toBe(200);
  const context = await browser.newContext({ ...noSession, viewport: phone });
  const mine = await context.newPage();
  await signIn(mine, annotator.email, annotator.password);
  await mine.waitForURL("/");
  await mine.goto(`/projects/${projectId}/annotate`);
  await expect(mine.getByTestId("annotate-prompt")).toBeVisible();
  await expect(mine.getByTestId("current-user")).toContainText("Annotator");
  expect(await overflow(mine)).toBeLessThanOrEqual(0);
  await context.close();
});
