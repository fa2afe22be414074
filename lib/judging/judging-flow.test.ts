import { describe, expect, it } from "vitest";
import { nextItems } from "@/lib/annotation/queue";
import { db } from "@/lib/db";
import { getRunProgress } from "@/lib/jobs/progress";
import { pauseRun, resumeRun } from "@/lib/jobs/runs";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { updateProject } from "@/lib/projects/projects";
import type { ParsedChatRequest } from "@/lib/testing/model-server";
import { auditDraw } from "./routing";
import { startJudgingRun } from "./runs";
import { expectedAgreed, judgingProject, scriptedJudge, shownAnswers, type PairSpec } from "./test-helpers";

const requests: ParsedChatRequest[] = [];
const env = modelServerAndWorker(
  {
    models: ["test-judge"],
    latencyMs: 2,
    respond: (r) => {
      requests.push(r);
      return scriptedJudge(r);
    },
  },
  { concurrency: 16 },
);

const callsShowingFirst = (text: string) => requests.filter((r) => shownAnswers(r).first === text);

async function judgeAll(projectId: string, adminId: string) {
  const run = await startJudgingRun(projectId, adminId);
  expect((await waitForRun(run.id)).status).toBe("COMPLETED");
  return run;
}

describe("judging flow", () => {
  it("refuses to start without a judge, outside judged modes, or while a judging run is in progress", async () => {
    const { project, admin, judge } = await judgingProject(env.server, [{ qa: 5, qb: 4 }]);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { code: string; message: string }) => [e.code, e.message],
      );
    await db.project.update({ where: { id: project.id }, data: { evaluationMode: "HUMAN" } });
    expect(await refusal(startJudgingRun(project.id, admin.id))).toEqual([
      "not_judged",
      expect.stringMatching(/evaluation mode uses no judge/),
    ]);
    await db.project.update({ where: { id: project.id }, data: { evaluationMode: "HYBRID" } });
    await db.projectEndpoint.deleteMany({ where: { projectId: project.id } });
    expect(await refusal(startJudgingRun(project.id, admin.id))).toEqual([
      "judge_missing",
      "Choose a judge endpoint in the project settings first",
    ]);
    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: judge.id, role: "JUDGE" } });
    // A generation run in progress does not block judging; a judging run does.
    await db.run.create({
      data: { projectId: project.id, kind: "GENERATION", status: "PAUSED", createdById: admin.id },
    });
    const run = await startJudgingRun(project.id, admin.id);
    await pauseRun(project.id, run.id);
    expect(await refusal(startJudgingRun(project.id, admin.id))).toEqual([
      "run_in_progress",
      expect.stringMatching(/already in progress/),
    ]);
  });

  it("a consistent judge: both orders stored, verdicts agree with the right candidate and confidence", async () => {
    const specs: PairSpec[] = [
      { qa: 9, qb: 4 },
      { qa: 3, qb: 8 },
      { qa: 6, qb: 6 },
      { qa: 7, qb: 6 },
    ];
    const { project, admin, judge, pairs } = await judgingProject(env.server, specs);
    const run = await judgeAll(project.id, admin.id);

    for (const { spec, pair, a, b } of pairs) {
      const judgments = await db.judgment.findMany({ where: { pairId: pair.id }, orderBy: { swapped: "asc" } });
      expect(judgments.map((j) => j.swapped)).toEqual([false, true]);
      for (const j of judgments) {
        expect(j).toMatchObject({
          status: "OK",
          endpointId: judge.id,
          scoreA: spec.qa,
          scoreB: spec.qb,
          repaired: false,
          model: "test-judge",
        });
        expect(j.params).toMatchObject({ temperature: 0 });
        expect(j.inputTokens).toBeGreaterThan(0);
      }
      // The second order really showed candidate B first.
      expect(callsShowingFirst(a.text)).toHaveLength(1);
      expect(callsShowingFirst(b.text)).toHaveLength(1);
      expect(shownAnswers(callsShowingFirst(b.text)[0]!).second).toBe(a.text);
      const judged = await db.pair.findUniqueOrThrow({ where: { id: pair.id } });
      const expected = expectedAgreed(spec);
      expect(judged).toMatchObject({
        judgeStatus: "AGREED",
        judgeLabel: expected.label,
        judgeConfidence: expected.confidence,
      });
    }
    for (const r of requests) expect(r.temperature).toBe(0);
    const progress = await getRunProgress(project.id, run.id);
    expect(progress).toMatchObject({ kind: "JUDGING", total: 8, counts: { done: 8, failed: 0 } });
    expect(progress.verdicts).toMatchObject({ pairs: 4, agreed: 4, uncertain: 0, failed: 0 });
    const cost = (await db.judgment.findMany({ where: { projectId: project.id } })).reduce((s, j) => s + j.costUsd!, 0);
    expect(progress.costUsd).toBeCloseTo(cost, 10);

    // Nothing left to judge: a second run is refused, recorded nowhere, and nothing stored twice.
    await expect(startJudgingRun(project.id, admin.id)).rejects.toMatchObject({
      code: "nothing_to_do",
      message: "Every pair has its judgments already: there is nothing to judge",
    });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);
    const empty = await judgingProject(env.server, []);
    await expect(startJudgingRun(empty.project.id, empty.admin.id)).rejects.toMatchObject({
      code: "nothing_to_do",
      message: "This project has no pairs yet: generate or import some first",
    });
    expect(await db.judgment.count({ where: { projectId: project.id } })).toBe(8);
  });

  it("a position-biased judge: every pair uncertain, the two orders name different candidates", async () => {
    const { project, admin, pairs } = await judgingProject(env.server, [
      { qa: 9, qb: 2, marker: "biased" },
      { qa: 2, qb: 9, marker: "biased" },
      { qa: 5, qb: 5, marker: "biased" },
    ]);
    const run = await judgeAll(project.id, admin.id);
    for (const { pair } of pairs) {
      const [straight, swapped] = await db.judgment.findMany({
        where: { pairId: pair.id },
        orderBy: { swapped: "asc" },
      });
      expect([straight!.winner, swapped!.winner]).toEqual(["A", "B"]);
      expect(await db.pair.findUniqueOrThrow({ where: { id: pair.id } })).toMatchObject({
        judgeStatus: "UNCERTAIN",
        judgeLabel: null,
        judgeConfidence: null,
        reviewReason: "UNCERTAIN", // LLM judge, unsure pairs to humans (the default)
      });
    }
    expect((await getRunProgress(project.id, run.id)).verdicts).toMatchObject({
      uncertain: 3,
      toHumans: { uncertain: 3 },
    });
  });

  it("malformed output gets one repair: valid on the repair is OK, invalid twice is FAILED with the raw text", async () => {
    // Prompt only: the mode whose replies get a repair request (the structured ones fall back instead).
    const judge = { structuredOutput: "PROMPT_ONLY" as const };
    const { project, admin, pairs } = await judgingProject(
      env.server,
      [
        { qa: 8, qb: 2, marker: "flaky" },
        { qa: 8, qb: 2, marker: "broken" },
      ],
      { judge },
    );
    await judgeAll(project.id, admin.id);
    const [flaky, broken] = pairs;

    for (const text of [flaky!.a.text, flaky!.b.text]) expect(callsShowingFirst(text)).toHaveLength(2);
    const repaired = await db.judgment.findMany({ where: { pairId: flaky!.pair.id } });
    for (const j of repaired) {
      expect(j).toMatchObject({ status: "OK", repaired: true, winner: "A", error: null });
      expect(j.rawText).toMatch(/^\{"winner": "first".*\}\n```json\n/s);
    }
    const repairCall = callsShowingFirst(flaky!.a.text).find((r) => r.messages.length > 2)!;
    expect(repairCall.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(JSON.stringify(repairCall.messages[3])).toContain('winner must be \\"A\\", \\"B\\" or \\"tie\\"');
    expect(await db.pair.findUniqueOrThrow({ where: { id: flaky!.pair.id } })).toMatchObject({
      judgeStatus: "AGREED",
      judgeLabel: "A",
      judgeConfidence: 6,
    });

    for (const text of [broken!.a.text, broken!.b.text]) expect(callsShowingFirst(text)).toHaveLength(2);
    const failed = await db.judgment.findMany({ where: { pairId: broken!.pair.id } });
    expect(failed).toHaveLength(2);
    for (const j of failed) {
      expect(j).toMatchObject({ status: "FAILED", repaired: true, winner: null, scoreA: null });
      expect(j.rawText).toBe('{"winner": "A", "score_a": 7, "score_b": \n{"winner": "A", "score_a": 7, "score_b": ');
      expect(j.error).toMatch(/no JSON object found/);
    }
    expect(await db.pair.findUniqueOrThrow({ where: { id: broken!.pair.id } })).toMatchObject({
      judgeStatus: "FAILED",
      reviewReason: "JUDGE_FAILED",
    });

    // A plain re-run leaves failed judgments alone; re-judging asks again (here the answers no
    // longer trip the judge) and settles the pair anew, without touching the good pair.
    const before = requests.length;
    await expect(startJudgingRun(project.id, admin.id)).rejects.toMatchObject({ code: "nothing_to_do" });
    expect(requests.length).toBe(before);
    for (const c of [broken!.a, broken!.b])
      await db.candidate.update({ where: { id: c.id }, data: { text: c.text.replace(" [broken]", "") } });
    const rerun = await startJudgingRun(project.id, admin.id, { rejudgeFailed: true });
    expect((await waitForRun(rerun.id)).status).toBe("COMPLETED");
    expect(requests.length).toBe(before + 2);
    expect(await db.judgment.count({ where: { pairId: broken!.pair.id, status: "OK" } })).toBe(2);
    expect(await db.pair.findUniqueOrThrow({ where: { id: broken!.pair.id } })).toMatchObject({
      judgeStatus: "AGREED",
      judgeLabel: "A",
      reviewReason: null,
    });
    expect(await db.judgment.count({ where: { pairId: flaky!.pair.id } })).toBe(2);
  });

  it("hybrid routing serves annotators exactly the unsure, failed, low-confidence and audited pairs", async () => {
    const specs: PairSpec[] = [
      ...Array.from({ length: 24 }, (_, i) => ({ qa: 2 + (i % 8), qb: 5 })), // margins 0 to 4, either side
      { qa: 9, qb: 1, marker: "biased" },
      { qa: 9, qb: 1, marker: "biased" },
      { qa: 9, qb: 1, marker: "broken" },
      { qa: 9, qb: 2, marker: "flaky" },
    ];
    const settings = { evaluationMode: "HYBRID" as const, confidenceThreshold: 2, auditShare: 0.3 };
    const { project, admin, pairs } = await judgingProject(env.server, specs, settings);
    // The audit draw follows each pair's id, which is random: a share of 0.3 alone would leave all
    // 16 confident pairs unaudited in about one run of 300. A share between the third and fourth
    // lowest draws audits exactly three of them, whatever the ids.
    const draws = pairs
      .filter(({ spec }) => !spec.marker?.match(/biased|broken/))
      .filter(({ spec }) => expectedAgreed(spec).confidence >= settings.confidenceThreshold)
      .map(({ pair }) => auditDraw(pair.id))
      .sort((x, y) => x - y);
    settings.auditShare = (draws[2]! + draws[3]!) / 2;
    await db.project.update({ where: { id: project.id }, data: { auditShare: settings.auditShare } });
    await judgeAll(project.id, admin.id);

    const expected = new Map<string, string>();
    for (const { spec, pair } of pairs) {
      if (spec.marker === "biased") expected.set(pair.id, "UNCERTAIN");
      else if (spec.marker === "broken") expected.set(pair.id, "JUDGE_FAILED");
      else if (expectedAgreed(spec).confidence < settings.confidenceThreshold) expected.set(pair.id, "LOW_CONFIDENCE");
      else if (auditDraw(pair.id) < settings.auditShare) expected.set(pair.id, "AUDIT");
    }
    expect([...expected.values()].filter((r) => r === "AUDIT")).toHaveLength(3);
    expect(expected.size).toBeLessThan(pairs.length); // some confident pairs stay the judge's alone

    const stored = await db.pair.findMany({ where: { projectId: project.id, reviewReason: { not: null } } });
    expect(new Map(stored.map((p) => [p.id, p.reviewReason]))).toEqual(expected);
    expect(new Set(await servedPairs(project.id))).toEqual(new Set(expected.keys()));

    // New settings re-route the judged pairs: without threshold and audit, only the unsure and failed ones.
    await updateProject(project.id, admin, { confidenceThreshold: 0, auditShare: 0 });
    await db.assignment.deleteMany({ where: { projectId: project.id } }); // the first annotator's holds
    const unsure = pairs.filter((p) => p.spec.marker === "biased" || p.spec.marker === "broken").map((p) => p.pair.id);
    expect(new Set(await servedPairs(project.id))).toEqual(new Set(unsure));

    // The same pairs under LLM judge, unsure ones left out of the queue: humans get none.
    const quiet = await judgingProject(env.server, specs, { evaluationMode: "LLM_JUDGE", uncertainToHumans: false });
    await judgeAll(quiet.project.id, quiet.admin.id);
    expect(await db.pair.count({ where: { projectId: quiet.project.id, judgeStatus: "UNCERTAIN" } })).toBe(2);
    expect(await servedPairs(quiet.project.id)).toEqual([]);
  });

  it("survives a pause and rate limits: every pair ends with exactly two judgments", async () => {
    env.server.configure({ latencyMs: 50, faults: { rate429: 0.2 }, retryAfterSeconds: 0 });
    try {
      const specs = Array.from({ length: 40 }, (_, i) => ({ qa: 1 + (i % 10), qb: 5 }));
      const { project, admin, pairs } = await judgingProject(env.server, specs, { evaluationMode: "HYBRID" });
      const run = await startJudgingRun(project.id, admin.id);
      while ((await db.judgment.count({ where: { projectId: project.id } })) < 6)
        await new Promise((r) => setTimeout(r, 20));
      await pauseRun(project.id, run.id);
      // Calls in flight finish or give their task back; then nothing runs until the resume.
      while ((await db.task.count({ where: { runId: run.id, status: "RUNNING" } })) > 0)
        await new Promise((r) => setTimeout(r, 20));
      const paused = await db.judgment.count({ where: { projectId: project.id } });
      expect(paused).toBeLessThan(80);
      expect(await db.task.count({ where: { runId: run.id, status: "PENDING" } })).toBe(80 - paused);
      await resumeRun(project.id, run.id);
      expect((await waitForRun(run.id, 120_000)).status).toBe("COMPLETED");

      const progress = await getRunProgress(project.id, run.id);
      expect(progress.counts).toMatchObject({ done: 80, failed: 0, pending: 0 });
      expect(progress.retried).toBeGreaterThan(0);
      const perPair = await db.judgment.groupBy({ by: ["pairId"], where: { projectId: project.id }, _count: true });
      expect(perPair).toHaveLength(40);
      expect(perPair.every((p) => p._count === 2)).toBe(true);
      const judged = await db.pair.findMany({ where: { projectId: project.id } });
      expect(judged.every((p) => p.judgeStatus === "AGREED")).toBe(true);
      expect(judged).toHaveLength(pairs.length);
    } finally {
      env.server.configure({ latencyMs: 2, faults: {} });
    }
  }, 150_000);
});

/** Every pair an annotator is served, claiming one at a time until the queue is empty. */
async function servedPairs(projectId: string): Promise<string[]> {
  const user = await db.user.create({ data: { email: `ann-${Math.random()}@x.test`, passwordHash: "x" } });
  const held: string[] = [];
  const served: string[] = [];
  for (;;) {
    const [item] = await nextItems(projectId, user.id, 1, held);
    if (!item) return served;
    held.push(item.assignmentId);
    served.push(item.pairId);
  }
}
