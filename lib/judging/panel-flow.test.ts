import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRunProgress } from "@/lib/jobs/progress";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { setProjectEndpoints } from "@/lib/projects/project-endpoints";
import { startModelServer, type ModelServer, type ParsedChatRequest } from "@/lib/testing/model-server";
import { startJudgingRun } from "./runs";
import { settlePair } from "./settle-pair";
import { judgingProject, shownAnswers } from "./test-helpers";

// A panel on the loopback server: three judge models, each acting as the pair's answers tell it
// to (a marker such as "[judge-2:flip]" in both answers). Every answer carries its quality.
// good: scores by quality; close: the same winner, by a 1-point margin; flip: prefers the worse
// answer, consistently; biased: prefers the answer shown first (its two orders disagree);
// tie: calls it a tie; broken: never valid JSON, not even on the repair.
type Behaviour = "good" | "close" | "flip" | "biased" | "tie" | "broken";
const MODELS = ["judge-1", "judge-2", "judge-3"];

function panelJudge(request: ParsedChatRequest): string {
  const { first, second } = shownAnswers(request);
  const behaviour = (new RegExp(`\\[${request.model}:(\\w+)\\]`).exec(first)?.[1] ?? "good") as Behaviour;
  const [q1, q2] = [first, second].map((t) => Number(/quality=(\d+)/.exec(t)?.[1]));
  const reply = (winner: "A" | "B" | "tie", a: number, b: number) =>
    JSON.stringify({ winner, score_a: a, score_b: b, rationale: behaviour });
  const better = q1! > q2! ? "A" : "B";
  switch (behaviour) {
    case "broken":
      return '{"winner": "A", "score_a": ';
    case "biased":
      return reply("A", 8, 4);
    case "tie":
      return reply("tie", 5, 5);
    case "flip":
      return reply(better === "A" ? "B" : "A", q2!, q1!);
    case "close":
      return better === "A" ? reply("A", 6, 5) : reply("B", 5, 6);
    default:
      return reply(better, q1!, q2!);
  }
}

/** A pair whose candidate A (quality 8) beats B (quality 3), and how each judge behaves on it. */
const pairSpec = (behaviours: Behaviour[]) => ({
  qa: 8,
  qb: 3,
  marker: behaviours.map((b, i) => `${MODELS[i]}:${b}`).join("] [") as never,
});

let server: ModelServer;
let worker: Worker;

beforeAll(async () => {
  server = await startModelServer({ models: MODELS, latencyMs: 2 });
  server.configure({ respond: panelJudge });
  worker = await startWorker({ concurrency: 16 });
});
afterAll(async () => {
  await worker.stop(2000);
  await server.close();
});

async function judgeAll(projectId: string, adminId: string) {
  const run = await startJudgingRun(projectId, adminId);
  expect((await waitForRun(run.id)).status).toBe("COMPLETED");
  return run;
}

const verdictOf = async (pairId: string) => {
  const p = await db.pair.findUniqueOrThrow({ where: { id: pairId } });
  return { status: p.judgeStatus, label: p.judgeLabel, confidence: p.judgeConfidence, reviewReason: p.reviewReason };
};

describe("a panel of judges", () => {
  it("three judges judge every pair in both orders; the majority decides, failures leave no majority", async () => {
    const cases: { behaviours: Behaviour[]; expected: Awaited<ReturnType<typeof verdictOf>> }[] = [
      {
        behaviours: ["good", "good", "good"],
        expected: { status: "AGREED", label: "A", confidence: 5, reviewReason: null },
      },
      // The mean margin of the majority only: good (5) and close (1), not the dissenting flip.
      {
        behaviours: ["good", "close", "flip"],
        expected: { status: "AGREED", label: "A", confidence: 3, reviewReason: null },
      },
      {
        behaviours: ["flip", "flip", "good"],
        expected: { status: "AGREED", label: "B", confidence: 5, reviewReason: null },
      },
      {
        behaviours: ["tie", "good", "tie"],
        expected: { status: "AGREED", label: "TIE", confidence: 0, reviewReason: null },
      },
      {
        behaviours: ["close", "broken", "close"],
        expected: { status: "AGREED", label: "A", confidence: 1, reviewReason: null },
      },
      {
        behaviours: ["good", "biased", "flip"],
        expected: { status: "UNCERTAIN", label: null, confidence: null, reviewReason: "UNCERTAIN" },
      },
      {
        behaviours: ["good", "flip", "broken"],
        expected: { status: "UNCERTAIN", label: null, confidence: null, reviewReason: "UNCERTAIN" },
      },
      {
        behaviours: ["broken", "good", "broken"],
        expected: { status: "FAILED", label: null, confidence: null, reviewReason: "JUDGE_FAILED" },
      },
    ];
    const { project, admin, judges, pairs } = await judgingProject(
      server,
      cases.map((c) => pairSpec(c.behaviours)),
      {},
      MODELS,
    );
    const run = await judgeAll(project.id, admin.id);

    for (const [i, { pair }] of pairs.entries()) {
      const judgments = await db.judgment.findMany({
        where: { pairId: pair.id },
        orderBy: [{ endpointId: "asc" }, { swapped: "asc" }],
      });
      expect(judgments.map((j) => [j.endpointId, j.swapped])).toEqual(
        [...judges]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .flatMap((j) => [
            [j.id, false],
            [j.id, true],
          ]),
      );
      expect(await verdictOf(pair.id), `pair ${i}: ${cases[i]!.behaviours.join(", ")}`).toEqual(cases[i]!.expected);
    }
    // Every judge's calls went to its own model.
    for (const judge of judges)
      expect(await db.judgment.count({ where: { endpointId: judge.id, model: judge.modelId } })).toBe(2 * pairs.length);
    const progress = await getRunProgress(project.id, run.id);
    expect(progress).toMatchObject({ total: 6 * pairs.length });
    expect(progress.verdicts).toMatchObject({ pairs: pairs.length, agreed: 5, uncertain: 2, failed: 1 });
  });

  it("two judges must both agree; a judge added later judges alone, and the pairs settle under three, then two again", async () => {
    const cases: Behaviour[][] = [
      ["good", "close", "good"],
      ["good", "flip", "good"],
      ["good", "tie", "flip"],
      ["good", "broken", "good"],
    ];
    const { project, admin, judges, pairs } = await judgingProject(server, cases.map(pairSpec), {}, MODELS);
    const third = judges[2]!;
    await db.projectEndpoint.delete({
      where: { projectId_endpointId_role: { projectId: project.id, endpointId: third.id, role: "JUDGE" } },
    });
    await judgeAll(project.id, admin.id);
    const twoJudges = [
      { status: "AGREED", label: "A", confidence: 3, reviewReason: null },
      { status: "UNCERTAIN", label: null, confidence: null, reviewReason: "UNCERTAIN" },
      { status: "UNCERTAIN", label: null, confidence: null, reviewReason: "UNCERTAIN" },
      { status: "FAILED", label: null, confidence: null, reviewReason: "JUDGE_FAILED" },
    ];
    expect(await Promise.all(pairs.map((p) => verdictOf(p.pair.id)))).toEqual(twoJudges);
    expect(await db.judgment.count({ where: { projectId: project.id, endpointId: third.id } })).toBe(0);

    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: third.id, role: "JUDGE" } });
    const run = await judgeAll(project.id, admin.id);
    expect(await getRunProgress(project.id, run.id)).toMatchObject({ total: 2 * pairs.length }); // the new judge's orders only
    expect(await Promise.all(pairs.map((p) => verdictOf(p.pair.id)))).toEqual([
      { status: "AGREED", label: "A", confidence: expect.closeTo(11 / 3, 12), reviewReason: null }, // (5 + 1 + 5) / 3
      { status: "AGREED", label: "A", confidence: 5, reviewReason: null },
      { status: "UNCERTAIN", label: null, confidence: null, reviewReason: "UNCERTAIN" },
      { status: "AGREED", label: "A", confidence: 5, reviewReason: null },
    ]);

    // The third judge leaves again: the two left have judged every pair, so the pairs settle
    // under them at once, as before.
    await setProjectEndpoints(project.id, admin, { judge: [judges[0]!.id, judges[1]!.id] });
    expect(await Promise.all(pairs.map((p) => verdictOf(p.pair.id)))).toEqual(twoJudges);
  });

  it("settles a pair only once every judge of the panel has judged both orders", async () => {
    const { project, judges, pairs } = await judgingProject(server, [pairSpec(["good", "good", "good"])], {}, MODELS);
    const pairId = pairs[0]!.pair.id;
    const judge = (endpointId: string, swapped: boolean) =>
      db.judgment.create({
        data: {
          projectId: project.id,
          pairId,
          endpointId,
          swapped,
          status: "OK",
          winner: "A",
          scoreA: 9,
          scoreB: 3,
          rawText: "{}",
        },
      });
    for (const [i, j] of judges.entries()) {
      await judge(j.id, false);
      await settlePair(project, pairId);
      expect((await verdictOf(pairId)).status).toBeNull();
      await judge(j.id, true);
      await settlePair(project, pairId);
      expect((await verdictOf(pairId)).status).toBe(i < judges.length - 1 ? null : "AGREED");
    }
    expect(await verdictOf(pairId)).toEqual({ status: "AGREED", label: "A", confidence: 6, reviewReason: null });
  });
});
