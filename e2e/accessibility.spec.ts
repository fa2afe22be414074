import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { ADMIN_STATE } from "../playwright.config";
import { appOrigin, noSession } from "./helpers";

// Every page is checked against WCAG 2.1 A and AA; serious and critical findings fail the test.
async function expectAccessible(page: Page, path: string) {
  // axe walks the whole DOM in the page: seconds of CPU each on a busy two-core machine.
  test.setTimeout(90_000);
  await page.goto(path);
  // Pages that poll never go network-idle: wait for the landmark and the first heading instead.
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("heading").first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(blocking, `${path}`).toEqual([]);
  // Landmarks: exactly one main region per page.
  await expect(page.getByRole("main")).toHaveCount(1);
}

let projectId = "";
let pairId = "";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({
    baseURL: appOrigin,
    storageState: ADMIN_STATE,
    extraHTTPHeaders: { origin: appOrigin },
  });
  const created = await request.post("/api/projects", {
    data: { name: `Axe ${randomBytes(3).toString("hex")}`, generationMode: "IMPORTED", evaluationMode: "HUMAN" },
  });
  expect(created.status()).toBe(200);
  projectId = (await created.json()).project.id as string;
  const pairs = [1, 2, 3].map((i) =>
    JSON.stringify({ prompt: `Question **${i}**?`, chosen: `Answer ${i}, in full.`, rejected: `No.` }),
  );
  const imported = await request.post(`/api/projects/${projectId}/imports/pairs?fileName=p.jsonl`, {
    headers: { "Content-Type": "application/octet-stream" },
    data: Buffer.from(pairs.join("\n") + "\n"),
  });
  expect(imported.status()).toBe(200);
  const listed = await request.get(`/api/projects/${projectId}/pairs`);
  pairId = ((await listed.json()).pairs as { id: string }[])[0]!.id;
  await request.dispose();
});

const pages: [string, () => string][] = [
  ["projects", () => "/projects"],
  ["new project", () => "/projects/new"],
  ["overview", () => `/projects/${projectId}`],
  ...[
    "documents",
    "prompts",
    "generation",
    "judging",
    "annotate",
    "pairs",
    "disagreements",
    "metrics",
    "export",
    "settings",
  ].map((tab) => [tab, () => `/projects/${projectId}/${tab}`] as [string, () => string]),
  ["pair", () => `/projects/${projectId}/pairs/${pairId}`],
  ["endpoints", () => "/admin/endpoints"],
  ["users", () => "/admin/users"],
  ["tokens", () => "/admin/tokens"],
];

for (const [name, path] of pages) {
  test(`the ${name} page passes an axe check with one main landmark`, async ({ page }) => {
    await expectAccessible(page, path());
  });
}

test.describe("signed out", () => {
  test.use(noSession);
  test("the sign-in page passes an axe check", async ({ page }) => {
    await expectAccessible(page, "/login");
  });
});
