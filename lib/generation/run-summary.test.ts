import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";
import { generationExecutor } from "./executor";

// A run card's "pairs formed": a pair counts for the run that made its later answer, so the
// cards of a cancelled run and of the run that finished its prompts add up to the pairs there are.

it("counts a pair for the run that made its later answer, once across runs", async () => {
  const project = await createTestProject();
  const [strong, weak] = [await createTestEndpoint(), await createTestEndpoint()];
  const prompts = await Promise.all(
    [0, 1].map((i) => db.prompt.create({ data: { projectId: project.id, text: `p${i}`, promptKey: `k${i}` } })),
  );
  const runOf = () => db.run.create({ data: { projectId: project.id, createdById: project.createdById } });
  const [cancelled, finishing] = [await runOf(), await runOf()];
  const answer = async (runId: string, promptId: string, role: "STRONG" | "WEAK", at: Date) => {
    const endpointId = role === "STRONG" ? strong.id : weak.id;
    await db.task.create({
      data: { runId, projectId: project.id, promptId, endpointId, role, sampleIndex: 0, status: "DONE" },
    });
    return db.candidate.create({
      data: { projectId: project.id, promptId, source: "GENERATED", endpointId, role, text: role, createdAt: at },
    });
  };
  const t = (s: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, s));
  // Prompt 0: its strong answer before the cancel, its weak one in the next run.
  const s0 = await answer(cancelled.id, prompts[0]!.id, "STRONG", t(0));
  const w0 = await answer(finishing.id, prompts[0]!.id, "WEAK", t(10));
  // Prompt 1: both answers in the next run.
  const s1 = await answer(finishing.id, prompts[1]!.id, "STRONG", t(11));
  const w1 = await answer(finishing.id, prompts[1]!.id, "WEAK", t(12));
  for (const [a, b] of [
    [s0, w0],
    [s1, w1],
  ] as const)
    await db.pair.create({
      data: { projectId: project.id, promptId: a.promptId, candidateAId: a.id, candidateBId: b.id },
    });

  expect(await generationExecutor.summary!(cancelled.id)).toEqual({ pairsFormed: 0 });
  expect(await generationExecutor.summary!(finishing.id)).toEqual({ pairsFormed: 2 });
});
