import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startModelServer, type ModelServer } from "../lib/testing/model-server";
import { createUser, noSession, signIn } from "./helpers";

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer({ latencyMs: 5 });
});
test.afterAll(() => server.close());

const tag = () => randomBytes(3).toString("hex");

test("a pair from a document shows its source passage on P, and only then", async ({ request: admin, browser }) => {
  test.setTimeout(120_000);
  const created = await admin.post("/api/projects", {
    data: { name: `Passage ${tag()}`, generationMode: "IMPORTED", evaluationMode: "HUMAN" },
  });
  expect(created.status()).toBe(200);
  const projectId = (await created.json()).project.id as string;
  const ep = await admin.post("/api/admin/endpoints", {
    data: { name: `Loopback ${tag()}`, provider: "OPENAI_COMPATIBLE", baseUrl: server.baseUrl, modelId: "test-strong" },
  });
  expect(ep.status()).toBe(200);
  const endpointId = (await ep.json()).endpoint.id as string;
  const sentence = (i: number) =>
    `Sourdough loaves need a starter fed every day, as baker ${i} explains at length here.`;
  const text = Array.from({ length: 30 }, (_, i) => sentence(i)).join(" ");
  const title = `Bread notes ${tag()}`;
  expect(
    (await admin.post(`/api/projects/${projectId}/documents`, { data: { pasted: [{ title, text }] } })).status(),
  ).toBe(200);
  const run = await admin.post(`/api/projects/${projectId}/documents/runs`, {
    data: { mode: "PREFERENCES", generatorEndpointId: endpointId },
  });
  expect(run.status()).toBe(200);
  await expect
    .poll(
      async () =>
        (
          (await (await admin.get(`/api/projects/${projectId}/runs?kind=DOCUMENTS`)).json()).runs as {
            status: string;
          }[]
        )[0]?.status,
      { timeout: 90_000 },
    )
    .toBe("COMPLETED");

  const user = await createUser(admin);
  const { users } = await (await admin.get("/api/admin/users")).json();
  const userId = users.find((u: { email: string }) => u.email === user.email).id as string;
  expect((await admin.post(`/api/projects/${projectId}/members`, { data: { userId } })).status()).toBe(200);
  const context = await browser.newContext(noSession);
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  await page.waitForURL("/");
  await page.goto(`/projects/${projectId}/annotate`);
  await expect(page.getByTestId("annotate-prompt")).toBeVisible();

  const passage = page.getByRole("region", { name: "Source passage for this prompt" });
  await expect(passage).toHaveCount(0);
  await page.keyboard.press("p");
  await expect(passage).toBeVisible();
  await expect(passage).toContainText(title);
  await expect(passage).toContainText("Sourdough loaves need a starter");
  await page.keyboard.press("p");
  await expect(passage).toHaveCount(0);
  await context.close();
});
