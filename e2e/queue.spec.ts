import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { signedInMember } from "./helpers";

const tag = () => randomBytes(3).toString("hex");

/** A signed-in annotator, a member of the project. */
const annotator = async (browser: Browser, admin: APIRequestContext, projectId: string) =>
  (await signedInMember(browser, admin, projectId)).page;

test("depth-first: the second annotator gets the pair the first one started; left for you counts down", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const t = tag();
  const created = await request.post("/api/projects", {
    data: { name: `Queue ${t}`, generationMode: "IMPORTED", evaluationMode: "HUMAN", overlap: 2 },
  });
  const projectId = (await created.json()).project.id as string;
  const jsonl = [1, 2, 3]
    .map((i) => JSON.stringify({ prompt: `Question ${i} ${t}?`, chosen: `Good ${i}.`, rejected: `Bad ${i}.` }))
    .join("\n");
  await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(`${jsonl}\n`),
  });

  // The admin switches the queue to depth-first in the project settings.
  await page.goto(`/projects/${projectId}/settings`);
  await page.getByLabel("Queue order").selectOption("DEPTH_FIRST");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  expect((await (await request.get(`/api/projects/${projectId}`)).json()).project.queueStrategy).toBe("DEPTH_FIRST");

  const first = await annotator(browser, request, projectId);
  await first.goto(`/projects/${projectId}/annotate`);
  await expect(first.getByTestId("left-for-you")).toHaveText("3");
  const started = await first.getByTestId("annotate-prompt").innerText();
  await first.keyboard.press("1");
  await first.keyboard.press("Enter");
  await expect(first.getByTestId("annotate-prompt")).not.toHaveText(started);
  await expect(first.getByTestId("left-for-you")).toHaveText("2");

  // Breadth-first would serve a pair without votes; depth-first completes the started one first.
  const second = await annotator(browser, request, projectId);
  await second.goto(`/projects/${projectId}/annotate`);
  await expect(second.getByTestId("annotate-prompt")).toHaveText(started);
  await expect(second.getByTestId("left-for-you")).toHaveText("3");
});
