import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { normalizePrompt } from "@/lib/imports";
import { cancelRun, retryFailed } from "@/lib/jobs/runs";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { startModelServer } from "@/lib/testing/model-server";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { getRunFunnel, listInstructionRuns } from "./funnel";
import { startRun } from "@/lib/generation/runs";
import { startDocumentRun } from "./start";
import { addDocuments } from "@/lib/documents";
import { documentProject, prose } from "./test-helpers";
import { useInstructionsAsPrompts } from "./use-as-prompts";

const env = modelServerAndWorker();

async function funnelMatchesRows(projectId: string, runId: string) {
  const funnel = await getRunFunnel(projectId, runId);
  const items = await db.docItem.findMany({ where: { runId } });
  const byKey = Object.fromEntries(funnel.steps.map((s) => [s.key, s.count]));
  expect(byKey.generated).toBe(items.length);
  expect(byKey.kept).toBe(items.filter((i) => i.status === "KEPT").length);
  // Each step is the items not dropped at it or at any stage before it.
  const order = [
    "INVALID",
    "NOT_VERBATIM",
    "SOURCE_MENTION",
    "FILTER",
    "NEAR_DUPLICATE",
    "CONTAMINATED",
    "NO_REJECTED",
  ];
  for (const step of funnel.steps.filter((s) => order.includes(s.key))) {
    const upTo = order.slice(0, order.indexOf(step.key) + 1);
    expect(step.count, step.key).toBe(items.filter((i) => !i.droppedAt || !upTo.includes(i.droppedAt)).length);
  }
  expect(funnel.chunks).toBe(await db.task.count({ where: { runId, itemIndex: null } }));
  return { funnel, items };
}

describe("preference runs over document chunks", () => {
  it("keeps verbatim, filtered triples as pairs, drops the rest with their reason, and counts the funnel from the rows", async () => {
    const { project, admin, generator, weak } = await documentProject(env.server, { documents: 6, sentences: 60 });
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "PREFERENCES",
      generatorEndpointId: generator.id,
      rejectedEndpointId: weak.id,
    });
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    const { funnel, items } = await funnelMatchesRows(project.id, run.id);
    const chunks = await db.chunk.findMany({ where: { projectId: project.id } });
    expect(funnel.chunks).toBe(chunks.length);
    expect(items.length).toBe(chunks.length * 3);
    const stages = new Set(items.map((i) => i.droppedAt));
    for (const stage of ["INVALID", "NOT_VERBATIM", "SOURCE_MENTION", "FILTER"]) expect(stages).toContain(stage);

    const kept = items.filter((i) => i.status === "KEPT");
    expect(kept.length).toBeGreaterThan(0);
    const pairs = await db.pair.findMany({
      where: { projectId: project.id },
      include: { candidateA: true, candidateB: true, prompt: true },
    });
    expect(pairs).toHaveLength(kept.length);
    const chunkText = new Map(chunks.map((c) => [c.id, c.text]));
    for (const pair of pairs) {
      const item = kept.find((i) => i.pairId === pair.id)!;
      expect(pair.implicitLabel).toBe("A");
      expect(pair.prompt.text).toBe(item.instruction);
      expect(pair.candidateA).toMatchObject({ source: "DOCUMENT", chunkId: item.chunkId, text: item.chosen });
      expect(normalizePrompt(chunkText.get(item.chunkId)!)).toContain(normalizePrompt(pair.candidateA.text));
      expect(pair.candidateB).toMatchObject({ source: "GENERATED", endpointId: weak.id, text: item.rejected });
      expect(pair.prompt.text).not.toMatch(/according to the text/i);
    }
    // A second run over the same chunks (all of them, asked for) asks the same questions: nothing
    // new is stored twice.
    const again = await startDocumentRun(project.id, admin.id, {
      mode: "PREFERENCES",
      generatorEndpointId: generator.id,
      chunks: "ALL",
    });
    expect((await waitForRun(again.id, 60_000)).status).toBe("COMPLETED");
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(pairs.length);
    expect(await db.docItem.count({ where: { runId: again.id, status: "KEPT" } })).toBe(0);
    const usage = await db.task.aggregate({ where: { runId: run.id }, _sum: { outputTokens: true } });
    expect(usage._sum.outputTokens).toBeGreaterThan(0);
  }, 90_000);

  it("asks for items in JSON mode or in words when the server has no schemas, with the same items", async () => {
    const plain = await startModelServer({ structured: "none" });
    try {
      const { project, admin, generator } = await documentProject(plain, { documents: 1 });
      const run = await startDocumentRun(project.id, admin.id, {
        mode: "PREFERENCES",
        generatorEndpointId: generator.id,
      });
      expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
      const { items } = await funnelMatchesRows(project.id, run.id);
      expect(items.filter((i) => i.status === "KEPT").length).toBeGreaterThan(0);
    } finally {
      await plain.close();
    }
  }, 90_000);
});

/** A project of one document whose preference run has finished. */
async function finishedTriplesRun() {
  const made = await documentProject(env.server, { documents: 1 });
  const run = await startDocumentRun(made.project.id, made.admin.id, {
    mode: "PREFERENCES",
    generatorEndpointId: made.generator.id,
    rejectedEndpointId: made.weak.id,
  });
  expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
  return { ...made, run };
}

describe("a document deleted after its run", () => {
  it("leaves the run its tasks, tokens and cost, and the pairs made from it", async () => {
    const { project, run } = await finishedTriplesRun();
    const record = async () => {
      const tasks = await db.task.aggregate({
        where: { runId: run.id },
        _count: true,
        _sum: { inputTokens: true, outputTokens: true, costUsd: true },
      });
      // A float sum depends on the order rows are read in, which rewriting the tasks changes.
      const cost = tasks._sum.costUsd?.toFixed(12);
      return {
        tasks: { ...tasks, _sum: { ...tasks._sum, costUsd: cost } },
        pairs: await db.pair.count({ where: { projectId: project.id } }),
      };
    };
    const before = await record();
    expect(before.tasks._count).toBeGreaterThan(1);
    expect(before.pairs).toBeGreaterThan(0);

    await db.document.deleteMany({ where: { projectId: project.id } });
    expect(await record()).toEqual(before);
    expect(await db.task.count({ where: { runId: run.id, chunkId: { not: null } } })).toBe(0);
  }, 90_000);
});

describe("generating candidates in a project with document triples", () => {
  it("asks nothing for the triples' prompts, which have their pairs", async () => {
    const { project, admin, generator, weak } = await finishedTriplesRun();
    const triples = await db.prompt.count({ where: { projectId: project.id } });
    expect(triples).toBeGreaterThan(0);
    const own = await db.prompt.create({
      data: { projectId: project.id, text: "A prompt of its own", promptKey: "own" },
    });
    await db.project.update({ where: { id: project.id }, data: { generationMode: "STRONG_WEAK" } });
    await db.projectEndpoint.createMany({
      data: [
        { projectId: project.id, endpointId: generator.id, role: "STRONG" },
        { projectId: project.id, endpointId: weak.id, role: "WEAK" },
      ],
    });

    const generation = await startRun(project.id, admin.id);
    const tasks = await db.task.findMany({ where: { runId: generation.id }, select: { promptId: true } });
    expect(new Set(tasks.map((t) => t.promptId))).toEqual(new Set([own.id]));
    expect((await waitForRun(generation.id, 60_000)).status).toBe("COMPLETED");
  }, 90_000);
});

describe("which chunks a run works on", () => {
  it("takes by default only the chunks no finished run of its mode has worked on, and all of them when asked", async () => {
    const { project, admin, generator } = await documentProject(env.server, { documents: 2 });
    const run = (chunks?: "NEW" | "ALL", mode: "PREFERENCES" | "INSTRUCTIONS" = "PREFERENCES") =>
      startDocumentRun(project.id, admin.id, { mode, generatorEndpointId: generator.id, chunks });
    const chunkTasks = (runId: string) => db.task.count({ where: { runId, itemIndex: null } });
    const first = await run();
    expect((await waitForRun(first.id, 60_000)).status).toBe("COMPLETED");
    const before = await db.chunk.count({ where: { projectId: project.id } });
    expect(await chunkTasks(first.id)).toBe(before);

    // Nothing new: said, and no run is left behind.
    await expect(run()).rejects.toMatchObject({ code: "nothing_to_do" });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);

    // A document added since: only its chunks are asked about.
    const text = prose("added later", 40);
    await db.document.create({
      data: {
        projectId: project.id,
        title: "Added later",
        format: "TEXT",
        rawText: text,
        cleanText: text,
        checksum: "added-later",
        byteSize: text.length,
        createdById: admin.id,
      },
    });
    const second = await run();
    expect((await waitForRun(second.id, 60_000)).status).toBe("COMPLETED");
    const after = await db.chunk.count({ where: { projectId: project.id } });
    expect(after).toBeGreaterThan(before);
    expect(await chunkTasks(second.id)).toBe(after - before);

    // Another mode has its own chunks to work on; ALL asks about every chunk again.
    const instructions = await run(undefined, "INSTRUCTIONS");
    expect(await chunkTasks(instructions.id)).toBe(after);
    await waitForRun(instructions.id, 60_000);
    const all = await run("ALL");
    expect(await chunkTasks(all.id)).toBe(after);
    await waitForRun(all.id, 60_000);
  }, 120_000);
});

describe("instruction runs", () => {
  it("keeps instruction-answer items and imports the kept instructions as prompts once", async () => {
    const { project, admin, generator } = await documentProject(env.server, { documents: 2 });
    const first = await startDocumentRun(project.id, admin.id, {
      mode: "INSTRUCTIONS",
      generatorEndpointId: generator.id,
    });
    expect((await waitForRun(first.id, 60_000)).status).toBe("COMPLETED");
    const kept = await db.docItem.findMany({ where: { runId: first.id, status: "KEPT" } });
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.every((i) => i.answer && !i.chosen)).toBe(true);

    await funnelMatchesRows(project.id, first.id);

    const target = await documentProject(env.server, { documents: 0 });
    const used = await useInstructionsAsPrompts(project.id, first.id, admin, { targetProjectId: target.project.id });
    expect(used.imported).toBe(new Set(kept.map((i) => normalizePrompt(i.instruction))).size);
    const prompts = await db.prompt.findMany({ where: { projectId: target.project.id } });
    expect(prompts.map((p) => p.text).sort()).toEqual([...new Set(kept.map((i) => i.instruction))].sort());
    expect(prompts[0]!.metadata).toMatchObject({ source: "document", runId: first.id });
    const again = await useInstructionsAsPrompts(project.id, first.id, admin, { targetProjectId: target.project.id });
    expect(again.imported).toBe(0);
    expect(await db.prompt.count({ where: { projectId: target.project.id } })).toBe(prompts.length);
  }, 90_000);

  it("a cancelled run's kept instructions are offered for export and used as prompts as a completed run's", async () => {
    // Slow calls, one at a time: the run is cancelled with items kept and chunks not yet asked.
    const slow = await startModelServer({ latencyMs: 300 });
    try {
      const { project, admin, generator } = await documentProject(slow, { documents: 4, concurrency: 1 });
      const run = await startDocumentRun(project.id, admin.id, {
        mode: "INSTRUCTIONS",
        generatorEndpointId: generator.id,
      });
      const deadline = Date.now() + 30_000;
      while (!(await db.docItem.count({ where: { runId: run.id, status: "KEPT" } })) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await cancelRun(project.id, run.id);
      expect((await waitForRun(run.id, 30_000)).status).toBe("CANCELLED");
      // The call in flight at the cancel still stores what it got: wait for it before counting.
      await expect
        .poll(() => db.task.count({ where: { runId: run.id, status: "RUNNING" } }), { timeout: 30_000 })
        .toBe(0);
      expect(await db.task.count({ where: { runId: run.id, status: "CANCELLED" } })).toBeGreaterThan(0);
      const kept = await db.docItem.findMany({ where: { runId: run.id, status: "KEPT" } });
      expect(kept.length).toBeGreaterThan(0);

      expect((await listInstructionRuns(project.id)).find((r) => r.id === run.id)).toMatchObject({
        status: "CANCELLED",
        kept: kept.length,
      });
      const target = await documentProject(env.server, { documents: 0 });
      const used = await useInstructionsAsPrompts(project.id, run.id, admin, { targetProjectId: target.project.id });
      expect(used.imported).toBe(new Set(kept.map((i) => normalizePrompt(i.instruction))).size);
    } finally {
      await slow.close();
    }
  }, 90_000);

  it("a chunk task retried after an unusable reply keeps that reply's cost beside its own", async () => {
    const { project, admin, generator } = await documentProject(env.server, { documents: 1 });
    env.server.configure({ respond: () => "Sorry, I cannot help with that." });
    let run;
    try {
      run = await startDocumentRun(project.id, admin.id, { mode: "INSTRUCTIONS", generatorEndpointId: generator.id });
      expect((await waitForRun(run.id, 60_000)).status).toBe("FAILED");
    } finally {
      env.server.configure({ respond: undefined });
    }
    const failed = await db.task.findMany({ where: { runId: run.id } });
    expect(failed.every((t) => t.errorKind === "unusable_reply" && t.costUsd! > 0)).toBe(true);
    await retryFailed(project.id, run.id);
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    for (const t of await db.task.findMany({ where: { runId: run.id, itemIndex: null } })) {
      const before = failed.find((f) => f.id === t.id)!;
      // The retry's own call cost something too: the sum is above the failed execution's.
      expect(t.costUsd!).toBeGreaterThan(before.costUsd!);
      expect(t.inputTokens!).toBeGreaterThan(before.inputTokens!);
    }
  }, 90_000);

  it("a chunk reply cut off at the token limit fails at once, naming the endpoint's Max tokens", async () => {
    const { project, admin, generator } = await documentProject(env.server, { documents: 1 });
    await db.modelEndpoint.update({ where: { id: generator.id }, data: { maxTokens: 50 } });
    const requestsBefore = env.server.stats().requests;
    env.server.configure({ faults: { rateTruncated: 1 } });
    let run;
    try {
      run = await startDocumentRun(project.id, admin.id, { mode: "INSTRUCTIONS", generatorEndpointId: generator.id });
      expect((await waitForRun(run.id, 60_000)).status).toBe("FAILED");
    } finally {
      env.server.configure({ faults: undefined });
    }
    const tasks = await db.task.findMany({ where: { runId: run.id } });
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) {
      expect(t).toMatchObject({
        errorKind: "reply_truncated",
        lastError:
          "The reply was cut off at the endpoint's token limit (max tokens 50) before it held a complete answer: raise Max tokens on the endpoint",
      });
    }
    // One call per chunk: no other output mode, no repair request.
    expect(env.server.stats().requests - requestsBefore).toBe(tasks.length);
  }, 90_000);

  it("retrying a run's failed tasks stores no item twice", async () => {
    const { project, admin, generator } = await documentProject(env.server, { documents: 1 });
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "INSTRUCTIONS",
      generatorEndpointId: generator.id,
    });
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    const before = await db.docItem.count({ where: { runId: run.id } });
    // As if a chunk's task had failed after its items were stored: executed again, it adds none.
    await db.task.updateMany({ where: { runId: run.id }, data: { status: "FAILED" } });
    await retryFailed(project.id, run.id);
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    expect(await db.docItem.count({ where: { runId: run.id } })).toBe(before);
  }, 90_000);

  it("counts items whose rejected answer failed as failed at that step, with the cause, not as obtained", async () => {
    const { project, admin, generator, weak } = await documentProject(env.server, { documents: 2 });
    // Nothing listens on port 1: every rejected answer fails to connect.
    await db.modelEndpoint.update({ where: { id: weak.id }, data: { baseUrl: "http://127.0.0.1:1/v1" } });
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "PREFERENCES",
      generatorEndpointId: generator.id,
      rejectedEndpointId: weak.id,
    });
    await waitForRun(run.id, 60_000);
    const passed = await db.docItem.count({ where: { runId: run.id, status: "PENDING" } });
    expect(passed).toBeGreaterThan(0);
    const funnel = await getRunFunnel(project.id, run.id);
    const step = funnel.steps.find((s) => s.key === "NO_REJECTED")!;
    expect(step.count).toBe(0);
    expect(step.failed!.count).toBe(passed);
    expect(step.failed!.causes.map((c) => c.message).join("\n")).toMatch(/ECONNREFUSED|connect/i);
    expect(funnel.pending).toBe(0); // none is still waiting: they failed
    expect(funnel.steps.find((s) => s.key === "kept")!.count).toBe(0);
    expect(funnel.chunksFailed.count).toBe(0);
  }, 90_000);
});

describe("preference triples from markdown", () => {
  it("gives as chosen answers the upload's own text: code with its indentation, tables, inline code, no headings", async () => {
    const { project, admin, generator, weak } = await documentProject(env.server, { documents: 0 });
    const code = (k: number) =>
      [
        "```python",
        `class Block${k}(torch.nn.Module):`,
        "    def forward(self, x):",
        `        # Compute loss number ${k}. Then backprop.`,
        "        Loss = self.head(x).mean()",
        "",
        "        Loss.backward()  # Gradients flow.",
        "        return loss",
        "```",
      ].join("\r\n");
    const table = "| Model | Memory (GB) |\r\n|-------|-------------|\r\n| 7B    | 14          |";
    const sections = Array.from({ length: 14 }, (_, k) =>
      [
        `## Chapter ${k + 1}: On Topic Number ${k + 1}`,
        prose(`md-${k}-a`, 6).replace(" the ", "\u00a0the  `batch`\tand the "),
        code(k),
        prose(`md-${k}-b`, 5),
        table,
        `- ${prose(`md-${k}-c`, 1)}\r\n- ${prose(`md-${k}-d`, 1)}`,
      ].join("\r\n\r\n"),
    );
    const raw = `# A handbook\r\n\r\n${sections.join("\r\n\r\n")}\r\n`;
    await addDocuments({
      projectId: project.id,
      userId: admin.id,
      documents: [{ fileName: "handbook.md", bytes: new TextEncoder().encode(raw) }],
    });
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "PREFERENCES",
      generatorEndpointId: generator.id,
      rejectedEndpointId: weak.id,
    });
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    const kept = await db.docItem.findMany({ where: { runId: run.id, status: "KEPT" } });
    expect(kept.length).toBeGreaterThan(5);
    for (const item of kept) {
      expect(raw, item.chosen!).toContain(item.chosen!);
      expect(item.chosen).not.toMatch(/^#+ /m);
      expect(item.chosen).not.toMatch(/^Then backprop/);
    }
    // Some extracts run into the code, which the chosen answer gives as written.
    expect(kept.some((i) => i.chosen!.includes("Loss = self.head(x).mean()\r\n\r\n        Loss.backward()"))).toBe(
      true,
    );
  }, 90_000);
});
