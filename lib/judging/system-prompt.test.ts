import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { startRun } from "@/lib/generation/runs";
import { generationProject } from "@/lib/generation/test-helpers";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { messageText, type ParsedChatRequest } from "@/lib/testing/model-server";
import { startJudgingRun } from "./runs";
import { judgingProject } from "./test-helpers";

const judgeRequests: ParsedChatRequest[] = [];
const env = modelServerAndWorker({
  models: ["test-strong", "test-weak", "test-judge"],
  latencyMs: 2,
  respond: (r) => {
    if (r.model !== "test-judge") return undefined;
    judgeRequests.push(r);
    return JSON.stringify({ winner: "A", score_a: 7, score_b: 5, rationale: "A is fuller." });
  },
});

/** The system prompt each judge request about one of these prompts showed the judge (null: none). */
function shownSystems(promptTexts: string[]) {
  return judgeRequests
    .map((r) => messageText(r.messages[1]!))
    .filter((user) => promptTexts.some((t) => user.includes(`<instruction>\n${t}\n</instruction>`)))
    .map((user) => /<system_prompt>\n([\s\S]*?)\n<\/system_prompt>/.exec(user)?.[1] ?? null);
}

async function judge(projectId: string, adminId: string) {
  const run = await startJudgingRun(projectId, adminId);
  expect((await waitForRun(run.id)).status).toBe("COMPLETED");
}

it("judges generated pairs under the system prompt they were generated with, after the project's changed", async () => {
  const { project, admin } = await generationProject(env.server, { prompts: 2, evaluation: "LLM_JUDGE" });
  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "SYSTEM-AT-GENERATION" } });
  expect((await waitForRun((await startRun(project.id, admin.id)).id)).status).toBe("COMPLETED");
  const judgeEndpoint = await db.modelEndpoint.create({
    data: {
      name: `judge-${project.id}`,
      provider: "OPENAI_COMPATIBLE",
      baseUrl: env.server.baseUrl,
      modelId: "test-judge",
    },
  });
  await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: judgeEndpoint.id, role: "JUDGE" } });
  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "SYSTEM-CHANGED-LATER" } });

  await judge(project.id, admin.id);
  const prompts = await db.prompt.findMany({ where: { projectId: project.id }, select: { text: true } });
  expect(shownSystems(prompts.map((p) => p.text))).toEqual(Array(4).fill("SYSTEM-AT-GENERATION"));
});

it("judges a prompt's own system message, and imported answers under none, whatever the project's setting", async () => {
  // The project's system prompt is "Be concise."; its answers are imported, so they never saw it.
  const { project, admin } = await judgingProject(env.server, [
    { qa: 5, qb: 3 },
    { qa: 2, qb: 6 },
  ]);
  const [own] = await db.prompt.findMany({ where: { projectId: project.id }, orderBy: { text: "asc" } });
  await db.prompt.update({ where: { id: own!.id }, data: { system: "Answer in French." } });

  await judge(project.id, admin.id);
  expect(shownSystems(["Prompt 0"])).toEqual(["Answer in French.", "Answer in French."]);
  expect(shownSystems(["Prompt 1"])).toEqual([null, null]);
});
