import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { documentRunSettingsSchema } from "@/lib/document-runs/settings";
import type { EndpointRole, RunKind } from "@/lib/generated/prisma/client";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";
import { getRunProgress } from "./progress";

async function runWith(
  kind: RunKind,
  tasks: { endpointId: string; role: EndpointRole; n?: number }[],
  settings?: unknown,
) {
  const project = await createTestProject();
  const run = await db.run.create({
    data: { projectId: project.id, kind, createdById: project.createdById, settings: settings ?? undefined },
  });
  const prompt = await db.prompt.create({ data: { projectId: project.id, text: "p", promptKey: "p" } });
  await db.task.createMany({
    data: tasks.flatMap((t) =>
      Array.from({ length: t.n ?? 2 }, (_, i) => ({
        runId: run.id,
        projectId: project.id,
        promptId: prompt.id,
        endpointId: t.endpointId,
        role: t.role,
        sampleIndex: i,
        status: i === 0 ? ("DONE" as const) : ("PENDING" as const),
      })),
    ),
  });
  return { project, run };
}

describe("a run's setup on its card", () => {
  it("names the endpoints its tasks called and the mode their roles show, whatever the project says now", async () => {
    const [strong, weak, sampler] = await Promise.all([
      createTestEndpoint({ name: `strong-${Math.random()}` }),
      createTestEndpoint({ name: `weak-${Math.random()}` }),
      createTestEndpoint({ name: `sampler-${Math.random()}` }),
    ]);
    const { project, run } = await runWith("GENERATION", [
      { endpointId: weak.id, role: "WEAK" },
      { endpointId: strong.id, role: "STRONG" },
    ]);
    // The project has moved on since: another mode, another endpoint.
    await db.project.update({ where: { id: project.id }, data: { generationMode: "MULTI_SAMPLE" } });
    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: sampler.id, role: "SAMPLER" } });

    const progress = await getRunProgress(project.id, run.id);
    expect(progress.counts).toMatchObject({ done: 2, pending: 2 });
    expect(progress.setup).toEqual({
      generationMode: "STRONG_WEAK",
      endpoints: [
        { id: strong.id, name: strong.name, role: "STRONG" },
        { id: weak.id, name: weak.name, role: "WEAK" },
      ],
      document: null,
    });

    const samples = await runWith("GENERATION", [{ endpointId: sampler.id, role: "SAMPLER", n: 4 }]);
    expect((await getRunProgress(samples.project.id, samples.run.id)).setup).toMatchObject({
      generationMode: "MULTI_SAMPLE",
      endpoints: [{ id: sampler.id, role: "SAMPLER" }],
    });
  });

  it("names a judging run's judges, and nothing for a run that had nothing to do", async () => {
    const judge = await createTestEndpoint();
    const judging = await runWith("JUDGING", [{ endpointId: judge.id, role: "JUDGE" }]);
    expect((await getRunProgress(judging.project.id, judging.run.id)).setup).toEqual({
      generationMode: null,
      endpoints: [{ id: judge.id, name: judge.name, role: "JUDGE" }],
      document: null,
    });
    const empty = await runWith("GENERATION", []);
    expect((await getRunProgress(empty.project.id, empty.run.id)).setup).toEqual({
      generationMode: null,
      endpoints: [],
      document: null,
    });
  });

  it("gives a document run's stored settings: its rejected-answer endpoint before any such task, and its checks", async () => {
    const [generator, weak] = await Promise.all([createTestEndpoint(), createTestEndpoint()]);
    const settings = documentRunSettingsSchema.parse({
      mode: "PREFERENCES",
      itemsPerChunk: 5,
      generatorEndpointId: generator.id,
      rejectedEndpointId: weak.id,
      filters: { minChosenChars: null, sourcePhrases: [] },
      nearDuplicateThreshold: 0.8,
      evaluationPrompts: ["one prompt", "another"],
    });
    const { project, run } = await runWith("DOC_PREFERENCES", [{ endpointId: generator.id, role: "STRONG" }], settings);
    const { setup } = await getRunProgress(project.id, run.id);
    expect(setup.endpoints).toEqual([
      { id: generator.id, name: generator.name, role: "STRONG" },
      { id: weak.id, name: weak.name, role: "WEAK" },
    ]);
    expect(setup.generationMode).toBeNull();
    expect(setup.document?.itemsPerChunk).toBe(5);
    expect(setup.document?.checks).toEqual([
      "extracts that start with an upper-case letter (in scripts that have one)",
      "extracts that end with a sentence's end punctuation (. ! ? 。 ？ ！ ؟ । …)",
      "no near-duplicate instructions (Jaccard similarity of word 3-shingles below 0.8; the first kept)",
      "no instruction sharing a run of 13 words with any of 2 evaluation prompts",
    ]);
    // The evaluation prompts themselves stay on the server.
    expect(JSON.stringify(setup)).not.toContain("one prompt");
  });
});
