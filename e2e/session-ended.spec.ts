import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { signedInMember } from "./helpers";

// A session ends mid-work (it lasts at most 7 days; clearing the cookies stands in for that): the
// page must say so, keep what was being submitted, and bring it back after signing in again.

const tag = () => randomBytes(3).toString("hex");

async function projectWith(admin: APIRequestContext, prompts: number, settings: Record<string, unknown> = {}) {
  const t = tag();
  const created = await admin.post("/api/projects", {
    data: { name: `Session ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN", ...settings },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const jsonl = Array.from({ length: prompts }, (_, i) =>
    JSON.stringify({ prompt: `Question ${i + 1} ${t}?`, chosen: `Careful ${i + 1}.`, rejected: `Careless ${i + 1}.` }),
  ).join("\n");
  const imported = await admin.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(jsonl),
  });
  expect(imported.status()).toBe(200);
  return projectId;
}

/** Follows the alert's "Sign in again" link, signs in there, and expects to be back on `path`. */
async function signInAgain(page: Page, user: { email: string; password: string }, path: string) {
  await page.getByRole("alert").getByRole("link", { name: "Sign in again" }).click();
  await page.waitForURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(path);
}

test("a vote made after the session ended is kept, reported unsaved, and saved after signing in again", async ({
  browser,
  request,
}) => {
  const projectId = await projectWith(request, 4);
  const { page, user } = await signedInMember(browser, request, projectId);
  const path = `/projects/${projectId}/annotate`;
  await page.goto(path);
  const prompt = page.getByTestId("annotate-prompt");
  const voted = await prompt.innerText();

  await page.context().clearCookies();
  await page.keyboard.press("1");
  await page.getByLabel("Rationale (optional)").fill("Kept across signing in");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Enter");

  const alert = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(alert).toContainText("Your last vote was NOT saved");
  await expect(alert.getByRole("link", { name: "Sign in again" })).toHaveAttribute(
    "href",
    `/login?callbackUrl=${encodeURIComponent(path)}`,
  );
  // No pair is offered as if it could still be labelled.
  await expect(prompt).toHaveCount(0);

  await signInAgain(page, user, path);
  await expect(page.getByRole("status").filter({ hasText: "from before you signed in again" })).toHaveText(
    "Your vote from before you signed in again is saved.",
  );
  await expect(prompt).toBeVisible();
  await expect(prompt).not.toHaveText(voted);
  const progress = await (await page.request.get(`/api/projects/${projectId}/annotate/progress`)).json();
  expect(progress.mineTotal).toBe(1);

  // Stored as it was made: the choice came with the rationale, on the pair that was on screen.
  const { pairs } = await (await request.get(`/api/projects/${projectId}/pairs?limit=10`)).json();
  const reviews = await Promise.all(
    pairs.map(async (p: { id: string }) =>
      (await request.get(`/api/projects/${projectId}/pairs/${p.id}/review`)).json(),
    ),
  );
  const votes = reviews.flatMap((r: { votes: { rationale: string | null }[] }) => r.votes);
  expect(votes.map((v) => v.rationale)).toEqual(["Kept across signing in"]);
});

test("an answer typed when the session ended is not submitted, is kept, and is back in the editor after signing in", async ({
  browser,
  request,
}) => {
  const projectId = await projectWith(request, 1, { writersPerPrompt: 1, minAnswerChars: 10, humanPairing: "SAMPLES" });
  const { page, user } = await signedInMember(browser, request, projectId);
  const path = `/projects/${projectId}/write`;
  await page.goto(path);
  const editor = page.getByRole("textbox", { name: "Answer (markdown)" });
  const answer = `An answer typed for minutes ${tag()}, **not** to be lost.`;
  await editor.fill(answer);

  await page.context().clearCookies();
  await page.keyboard.press("Control+Enter");
  const alert = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(alert).toContainText("Your answer is NOT submitted: it is kept in this tab");
  await expect(page.getByRole("button", { name: /Submit answer/ })).toBeDisabled();

  await signInAgain(page, user, path);
  await expect(editor).toHaveValue(answer);
  await page.getByRole("button", { name: /Submit answer/ }).click();
  await expect(page.getByText("Nothing left to write in this project")).toBeVisible();
  const written = await (await page.request.post(`/api/projects/${projectId}/write/next`, { data: {} })).json();
  expect(written.progress.mineTotal).toBe(1);
});

test("a member deactivated while labelling is told so, and not asked to sign in again", async ({
  browser,
  request,
}) => {
  const projectId = await projectWith(request, 2);
  const { page, userId } = await signedInMember(browser, request, projectId);
  await page.goto(`/projects/${projectId}/annotate`);
  await expect(page.getByTestId("annotate-prompt")).toBeVisible();

  expect((await request.patch(`/api/admin/users/${userId}`, { data: { active: false } })).status()).toBe(200);
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");

  const alert = page.getByRole("alert").filter({ hasText: "deactivated" });
  await expect(alert).toHaveText(
    "This account has been deactivated, so nothing more can be saved from this page. Ask an admin to reactivate it.",
  );
  await expect(page.getByRole("link", { name: "Sign in again" })).toHaveCount(0);
  await expect(page.getByText("Your session has ended")).toHaveCount(0);
});
