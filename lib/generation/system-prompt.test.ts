import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportBytes } from "@/lib/export/test-helpers";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { startRun } from "./runs";
import { generationProject } from "./test-helpers";

const env = modelServerAndWorker({ latencyMs: 5 });

/** The system message of each exported row's prompt (conversational TRL), or null. */
async function exportedSystems(projectId: string) {
  const lines = (await exportBytes(projectId, { format: "trl_conversational" })).toString("utf8").trim().split("\n");
  return lines.map((l) => {
    const [first] = JSON.parse(l).prompt as { role: string; content: string }[];
    return first!.role === "system" ? first!.content : null;
  });
}

it("exports each pair with the system prompt its answers were generated with, whatever the setting says now", async () => {
  const { project, admin } = await generationProject(env.server, { prompts: 2, evaluation: "IMPLICIT" });
  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "Answer as a beekeeper." } });
  expect((await waitForRun((await startRun(project.id, admin.id)).id)).status).toBe("COMPLETED");
  const stored = await db.candidate.findMany({ where: { projectId: project.id }, select: { systemPrompt: true } });
  expect(stored.map((c) => c.systemPrompt)).toEqual(Array(4).fill("Answer as a beekeeper."));

  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "Answer as a sailor." } });
  expect(await exportedSystems(project.id)).toEqual(["Answer as a beekeeper.", "Answer as a beekeeper."]);
});

it("adds no system prompt to answers generated without one", async () => {
  const { project, admin } = await generationProject(env.server, { prompts: 2, evaluation: "IMPLICIT" });
  expect((await waitForRun((await startRun(project.id, admin.id)).id)).status).toBe("COMPLETED");
  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "You are a beekeeping expert." } });
  expect(await exportedSystems(project.id)).toEqual([null, null]);
});
