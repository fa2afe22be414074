import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRunProgress, SAMPLE_CHARS } from "@/lib/jobs/progress";
import { retryFailed } from "@/lib/jobs/runs";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { startModelServer, type ModelServer, type ParsedChatRequest } from "@/lib/testing/model-server";
import { startJudgingRun } from "./runs";
import { judgingProject, scriptedJudge, shownAnswers } from "./test-helpers";

// A judge that replies with garbage when the answer shown first says so, and with a very long
// garbage reply for "[long]"; every other pair is judged by the scripted judge.
const GARBAGE = "I think both answers are fine, really. No JSON here.";
const LONG = "x".repeat(SAMPLE_CHARS + 500);
let garbageFor = "[garbage]";

function defaultRespond(r: ParsedChatRequest): string {
  const { first } = shownAnswers(r);
  if (first.includes("[long]")) return LONG;
  if (first.includes(garbageFor)) return GARBAGE;
  return scriptedJudge(r);
}

let server: ModelServer;
let worker: Worker;

beforeAll(async () => {
  server = await startModelServer({ models: ["test-judge"], latencyMs: 2 });
  server.configure({ respond: defaultRespond });
  worker = await startWorker({ concurrency: 8 });
});
afterAll(async () => {
  await worker.stop(2000);
  await server.close();
});

/** `good` pairs the judge can decide (A better), then `bad` whose answers carry `marker`. */
async function projectWith(good: number, bad: number, marker = "[garbage]") {
  const specs = Array.from({ length: good + bad }, () => ({ qa: 8, qb: 2 }));
  // Prompt only: the scripted judge answers prose whatever it is asked, so each order is one call
  // and its repair (structured modes would fall back through every mode first).
  const made = await judgingProject(server, specs, {
    evaluationMode: "HYBRID",
    judge: { structuredOutput: "PROMPT_ONLY" },
  });
  for (const { a, b } of made.pairs.slice(good)) {
    for (const c of [a, b]) await db.candidate.update({ where: { id: c.id }, data: { text: `${c.text} ${marker}` } });
  }
  return made;
}

describe("judge failures", () => {
  it("a judge replying garbage to every pair: every task failed with its cause, the run ends Failed", async () => {
    const { project, admin, pairs } = await projectWith(0, 3);
    const run = await startJudgingRun(project.id, admin.id);
    expect((await waitForRun(run.id)).status).toBe("FAILED");

    const progress = await getRunProgress(project.id, run.id);
    expect(progress.status).toBe("FAILED");
    expect(progress.counts).toMatchObject({ done: 0, failed: 6, pending: 0 });
    // The judgments are still stored and the pairs settled (and routed to annotators).
    expect(await db.judgment.count({ where: { projectId: project.id, status: "FAILED" } })).toBe(6);
    for (const { pair } of pairs) {
      expect(await db.pair.findUniqueOrThrow({ where: { id: pair.id } })).toMatchObject({
        judgeStatus: "FAILED",
        reviewReason: "JUDGE_FAILED",
      });
    }
    // One group, by cause, with a sample of what the judge said; the calls' tokens are counted.
    expect(progress.errors).toHaveLength(1);
    const [group] = progress.errors;
    expect(group).toMatchObject({
      kind: "unusable_reply",
      count: 6,
      message: "No usable verdict after a repair attempt: the reply held no JSON object",
    });
    expect(group!.sample).toMatchObject({
      reply: `${GARBAGE}\n${GARBAGE}`,
      detail: expect.stringMatching(/no JSON object found/),
    });
    expect(pairs.map((p) => p.pair.id)).toContain(group!.sample!.pairId);
    expect(progress.tokens.input).toBeGreaterThan(0);
    expect(progress.verdicts).toMatchObject({ failed: 3, toHumans: { judgeFailed: 3 } });
  });

  it("a mixed run ends Completed with its failures counted; Retry failed asks again and settles the pairs", async () => {
    const { project, admin, pairs } = await projectWith(2, 1);
    const run = await startJudgingRun(project.id, admin.id);
    expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    expect((await getRunProgress(project.id, run.id)).counts).toMatchObject({ done: 4, failed: 2 });
    const broken = pairs[2]!.pair.id;

    garbageFor = "[never]"; // the judge is fixed
    try {
      expect(await retryFailed(project.id, run.id)).toEqual({ requeued: 2 });
      expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    } finally {
      garbageFor = "[garbage]";
    }
    const progress = await getRunProgress(project.id, run.id);
    expect(progress.counts).toMatchObject({ done: 6, failed: 0 });
    expect(progress.errors).toEqual([]);
    expect(await db.judgment.findMany({ where: { pairId: broken }, select: { status: true } })).toEqual([
      { status: "OK" },
      { status: "OK" },
    ]);
    expect(await db.pair.findUniqueOrThrow({ where: { id: broken } })).toMatchObject({
      judgeStatus: "AGREED",
      judgeLabel: "A",
    });
  });

  it.each(["OPENAI_COMPATIBLE", "ANTHROPIC"] as const)(
    "%s: replies cut off at the token limit take one call per order, no other mode or repair, with their own cause naming the limit",
    async (provider) => {
      // Automatic output mode: a reply that did not parse would otherwise fall back through JSON
      // mode and prompt only, then ask for a repair: four calls per order, all cut the same way.
      const { project, admin, judge } = await judgingProject(
        server,
        [
          { qa: 8, qb: 2 },
          { qa: 3, qb: 7 },
        ],
        { judge: { provider, apiKey: "sk-fixture" } },
      );
      await db.modelEndpoint.update({ where: { id: judge.id }, data: { maxTokens: 40 } });
      server.resetStats();
      server.configure({ faults: { rateTruncated: 1 } });
      let status: string;
      try {
        const run = await startJudgingRun(project.id, admin.id);
        status = (await waitForRun(run.id)).status;
        const progress = await getRunProgress(project.id, run.id);
        expect(progress.errors).toEqual([
          expect.objectContaining({
            kind: "reply_truncated",
            count: 4,
            message:
              "The reply was cut off at the endpoint's token limit (max tokens 40) before it held a complete answer: raise Max tokens on the endpoint",
          }),
        ]);
      } finally {
        server.configure({ faults: undefined });
      }
      expect(status).toBe("FAILED");
      expect(server.stats().requests).toBe(4);
      const stored = await db.judgment.findMany({ where: { projectId: project.id } });
      expect(stored.map((j) => [j.status, j.outputMode, j.repaired])).toEqual(
        Array(4).fill(["FAILED", "JSON_SCHEMA", false]),
      );
    },
  );

  it("an Anthropic judge's 429s are waited out and retried: every order judged", async () => {
    const { project, admin } = await judgingProject(
      server,
      [
        { qa: 8, qb: 2 },
        { qa: 3, qb: 7 },
      ],
      {
        judge: { provider: "ANTHROPIC", apiKey: "sk-fixture" },
      },
    );
    server.resetStats();
    server.configure({ faults: { rate429: 0.5 }, retryAfterSeconds: 0 });
    try {
      const run = await startJudgingRun(project.id, admin.id);
      expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    } finally {
      server.configure({ faults: undefined, retryAfterSeconds: undefined });
    }
    expect(server.stats().byStatus[429]).toBeGreaterThan(0);
    expect(await db.judgment.count({ where: { projectId: project.id, status: "OK" } })).toBe(4);
  });

  it("a reply cut off at the token limit that still holds a whole verdict is used", async () => {
    const { project, admin, judge } = await judgingProject(server, [{ qa: 8, qb: 2 }], {
      judge: { structuredOutput: "PROMPT_ONLY" },
    });
    await db.modelEndpoint.update({ where: { id: judge.id }, data: { maxTokens: 40 } });
    // The verdict, then words: the truncated fault keeps the first half of the reply, the verdict whole.
    server.configure({
      respond: (r) => `${scriptedJudge(r)} ${"and more words ".repeat(40)}`,
      faults: { rateTruncated: 1 },
    });
    try {
      const run = await startJudgingRun(project.id, admin.id);
      expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    } finally {
      server.configure({ respond: defaultRespond, faults: undefined });
    }
    expect(await db.judgment.count({ where: { projectId: project.id, status: "OK" } })).toBe(2);
  });

  it("a long reply's sample is cut, saying how long it was", async () => {
    const { project, admin } = await projectWith(1, 1, "[long]");
    const run = await startJudgingRun(project.id, admin.id);
    expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    const [group] = (await getRunProgress(project.id, run.id)).errors;
    expect(group!.sample!.reply).toBe(LONG.slice(0, SAMPLE_CHARS));
    expect(group!.sample!.replyChars).toBe(LONG.length * 2 + 1);
  });
});
