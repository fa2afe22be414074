import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject, createTestUser } from "@/lib/testing/factories";
import { getProjectMetrics } from "./project-metrics";

type Choice = "A" | "B" | "TIE" | "BOTH_BAD";
type Role = "STRONG" | "WEAK" | null;

interface PairSpec {
  a: { role: Role; length: number };
  b: { role: Role; length: number };
  votes?: Choice[]; // by annotators 0, 1, 2 in order
  adjudication?: Choice;
  judge?: { status: "AGREED" | "UNCERTAIN" | "FAILED"; label?: "A" | "B" | "TIE" };
  /** [shown in order, shown swapped]: a winner, or "FAILED". */
  judgments?: ["A" | "B" | "TIE" | "FAILED", "A" | "B" | "TIE" | "FAILED"];
  implicitLabel?: Choice;
  sourceLabel?: Choice;
}

async function seed(specs: PairSpec[]) {
  const annotators = await Promise.all(
    ["ann-1", "ann-2", "ann-3"].map((n) => createTestUser({ email: `${n}-${randomUUID()}@x.test` })),
  );
  const project = await createTestProject({
    generationMode: "STRONG_WEAK",
    evaluationMode: "HYBRID",
    members: annotators.map((u) => u.id),
  });
  await db.project.update({ where: { id: project.id }, data: { overlap: 3 } });
  const judge = await createTestEndpoint();
  await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: judge.id, role: "JUDGE" } });
  // A judge that left the panel: its judgments stay stored and count in no figure.
  const retired = await createTestEndpoint();
  for (const [i, spec] of specs.entries()) {
    const prompt = await db.prompt.create({
      data: { projectId: project.id, text: `Prompt ${i}`, promptKey: randomUUID() },
    });
    const [ca, cb] = await Promise.all(
      [spec.a, spec.b].map((c, s) =>
        db.candidate.create({
          data: {
            projectId: project.id,
            promptId: prompt.id,
            source: "GENERATED",
            role: c.role,
            sampleIndex: s,
            text: "x".repeat(c.length),
          },
        }),
      ),
    );
    const pair = await db.pair.create({
      data: {
        projectId: project.id,
        promptId: prompt.id,
        candidateAId: ca!.id,
        candidateBId: cb!.id,
        voteCount: spec.votes?.length ?? 0,
        implicitLabel: spec.implicitLabel,
        sourceLabel: spec.sourceLabel,
        judgeStatus: spec.judge?.status,
        judgeLabel: spec.judge?.label,
      },
    });
    for (const [k, choice] of (spec.votes ?? []).entries()) {
      const user = annotators[k]!;
      const assignment = await db.assignment.create({
        data: {
          projectId: project.id,
          pairId: pair.id,
          userId: user.id,
          leftIsA: k % 2 === 0,
          status: "VOTED",
          leasedUntil: new Date(),
        },
      });
      await db.vote.create({
        data: {
          id: randomUUID(),
          assignmentId: assignment.id,
          projectId: project.id,
          pairId: pair.id,
          userId: user.id,
          choice,
          leftIsA: k % 2 === 0,
          timeOnItemMs: 900,
        },
      });
    }
    if (spec.adjudication)
      await db.adjudication.create({
        data: { pairId: pair.id, label: spec.adjudication, reason: "checked", userId: annotators[0]!.id },
      });
    for (const [order, verdict] of (spec.judgments ?? []).entries()) {
      await db.judgment.create({
        data: {
          projectId: project.id,
          pairId: pair.id,
          endpointId: judge.id,
          swapped: order === 1,
          status: verdict === "FAILED" ? "FAILED" : "OK",
          winner: verdict === "FAILED" ? null : verdict,
          rawText: "{}",
        },
      });
    }
    if (spec.judgments)
      await db.judgment.createMany({
        data: ["A", "B"].map((winner, order) => ({
          projectId: project.id,
          pairId: pair.id,
          endpointId: retired.id,
          swapped: order === 1,
          status: "OK" as const,
          winner: winner as "A" | "B",
          rawText: "{}",
        })),
      });
  }
  return { project, annotators };
}

const S = (length: number) => ({ role: "STRONG" as const, length });
const W = (length: number) => ({ role: "WEAK" as const, length });

// Nine pairs; the figures below are worked out by hand in the comments.
const specs: PairSpec[] = [
  /* P1 */ {
    a: S(250),
    b: W(100),
    votes: ["A", "A", "A"],
    judge: { status: "AGREED", label: "A" },
    judgments: ["A", "A"],
  },
  /* P2 */ {
    a: S(100),
    b: W(100),
    votes: ["A", "B", "B"],
    judge: { status: "AGREED", label: "A" },
    judgments: ["A", "A"],
  },
  /* P3 */ {
    a: S(80),
    b: W(20),
    votes: ["B", "TIE", "A"],
    implicitLabel: "A",
    judge: { status: "UNCERTAIN" },
    judgments: ["A", "B"],
  },
  /* P4 */ {
    a: S(50),
    b: W(400),
    votes: ["A", "B"],
    adjudication: "B",
    judge: { status: "AGREED", label: "TIE" },
    judgments: ["TIE", "TIE"],
  },
  /* P5 */ { a: S(90), b: W(30), implicitLabel: "A", judge: { status: "AGREED", label: "B" }, judgments: ["B", "B"] },
  /* P6 */ { a: S(120), b: W(40), implicitLabel: "A" },
  /* P7 */ {
    a: S(60),
    b: W(60),
    votes: ["BOTH_BAD", "BOTH_BAD", "A"],
    judge: { status: "AGREED", label: "A" },
    judgments: ["A", "A"],
  },
  /* P8 */ { a: { role: null, length: 10 }, b: { role: null, length: 0 }, sourceLabel: "B" },
  /* P9 */ { a: S(70), b: W(70), judge: { status: "FAILED" }, judgments: ["A", "FAILED"] },
];

describe("getProjectMetrics", () => {
  it("computes every figure from the project's votes, judgments and candidates", async () => {
    const { project, annotators } = await seed(specs);
    const m = await getProjectMetrics(project.id);

    // Judge vs human: P1 (A/A), P2 (B/A), P4 (B adjudicated/TIE); P7's human "both bad" left out,
    // P3 has no AGREED verdict. po = 1/3; human marginals A 1/3, B 2/3; judge A 2/3, TIE 1/3;
    // pe = 2/9; kappa = (1/3 − 2/9)/(7/9) = 1/7.
    expect(m.judgeHuman.n).toBe(3);
    expect(m.judgeHuman.bothBadExcluded).toBe(1);
    expect(m.judgeHuman.confusion).toEqual({
      labels: ["A", "B", "TIE"],
      counts: [
        [1, 0, 0],
        [1, 0, 1],
        [0, 0, 0],
      ],
    });
    expect(m.judgeHuman.accuracy).toBeCloseTo(1 / 3, 12);
    expect(m.judgeHuman.kappa).toBeCloseTo(1 / 7, 12);

    // Both orders OK: P1, P2, P3, P4, P5, P7; only P3 flips. Decisive OK judgments: 2 each for
    // P1, P2, P3, P5, P7 and P9's one = 11; the first-shown answer won P1/P2/P7 once each, P3
    // twice, P5 once (swapped), P9 once = 7.
    expect(m.positionBias).toEqual({ n: 6, inconsistentShare: 1 / 6, firstPositionWinShare: 7 / 11, nJudgments: 11 });
    // Judged in both orders: those six and P9; undecided: P3 uncertain (orders disagree), P9 failed.
    expect(m.judgeVerdicts).toEqual({ judged: 7, uncertain: 1, failed: 1 });

    // Pairs with 2+ votes: P1 [3,0,0,0], P2 [1,2,0,0], P3 [1,1,1,0], P4 [1,1,0,0], P7 [1,0,0,2].
    // N = 14 values, Σ o_cc = 3 + 1 + 0 + 0 + 1 = 5, n_c = 7, 4, 1, 2 (Σ n_c² = 70):
    // alpha = 1 − 13·(14 − 5)/(196 − 70) = 1/14.
    expect(m.annotators.nPairs).toBe(5);
    expect(m.annotators.kappaOrAlpha.statistic).toBe("krippendorff_alpha_nominal");
    expect(m.annotators.kappaOrAlpha.n).toBe(5);
    expect(m.annotators.kappaOrAlpha.value).toBeCloseTo(1 / 14, 12);
    // Fleiss on the 4 pairs with exactly 3 votes: P̄ = (1 + 1/3 + 0 + 1/3)/4 = 5/12,
    // pe = (6² + 3² + 1² + 2²)/12² = 25/72, kappa = (5/12 − 25/72)/(47/72) = 5/47.
    expect(m.annotators.fleiss.n).toBe(4);
    expect(m.annotators.fleiss.value).toBeCloseTo(5 / 47, 12);
    // Leave-one-out: annotator 1 agrees on P1, not on P2 (others B,B) or P4 (other B): 1/3.
    // Annotator 2: P1 yes, P4 no (P2, P3, P7 others tie): 1/2. Annotator 3: P1 yes, P7 no: 1/2.
    const byUser = new Map(m.annotators.perAnnotator.map((a) => [a.userId, a]));
    expect(byUser.get(annotators[0]!.id)).toMatchObject({ email: annotators[0]!.email, n: 3, agreement: 1 / 3 });
    expect(byUser.get(annotators[1]!.id)).toMatchObject({ n: 2, agreement: 1 / 2 });
    expect(byUser.get(annotators[2]!.id)).toMatchObject({ n: 2, agreement: 1 / 2 });

    // Decided, as a HYBRID project's export decides: P1 A (votes), P2 B (votes beat the judge), P4 B
    // (adjudication), P5 B (the judge). P3 (TIE) and P7 (both bad) are not decided; nor are P6 and
    // P8, whose only labels are implicit or imported, which a project the judge decides does not take.
    // Strong vs weak: strong chosen in P1 of 4.
    expect(m.strongWeak).toEqual({ n: 4, strongWins: 1, strongWinRate: 1 / 4 });
    // Longer chosen: P1, P4 of 4. Ratios: 2.5, 1, 8, 1/3 -> median 1.75.
    // log2: 1.32 (bin 1 to 1.5), 0 (0 to 0.5), 3 (≥ 2.5), −1.58 (−2 to −1.5).
    expect(m.lengthBias).toMatchObject({ n: 4, longerChosenShare: 0.5, medianRatio: 1.75, nRatio: 4 });
    const bins = Object.fromEntries(m.lengthBias.histogram.filter((b) => b.count).map((b) => [b.label, b.count]));
    expect(bins).toEqual({ "-2 to -1.5": 1, "0 to 0.5": 1, "1 to 1.5": 1, "≥ 2.5": 1 });
    expect(m.lengthBias.histogram).toHaveLength(12);
  });

  it("gives null figures resting on 0 pairs for a project with nothing labelled, and 404 for no project", async () => {
    await seed(specs.slice(0, 3)); // another project's data must not leak in
    const empty = await createTestProject();
    const m = await getProjectMetrics(empty.id);
    expect(m.judgeHuman).toMatchObject({ n: 0, accuracy: null, kappa: null, bothBadExcluded: 0 });
    expect(m.positionBias).toEqual({ n: 0, inconsistentShare: null, firstPositionWinShare: null, nJudgments: 0 });
    expect(m.judgeVerdicts).toEqual({ judged: 0, uncertain: 0, failed: 0 });
    expect(m.annotators).toMatchObject({ nPairs: 0, perAnnotator: [], kappaOrAlpha: { value: null, n: 0 } });
    expect(m.strongWeak).toEqual({ n: 0, strongWins: 0, strongWinRate: null });
    expect(m.lengthBias).toMatchObject({ n: 0, longerChosenShare: null, medianRatio: null, nRatio: 0 });
    await expect(getProjectMetrics("no-such-project")).rejects.toThrow(/Project not found/);
  });

  it("leaves kappa null with its reason when judge and humans agree on one label throughout", async () => {
    const { project } = await seed([
      { a: S(10), b: W(5), votes: ["A", "A", "A"], judge: { status: "AGREED", label: "A" }, judgments: ["A", "A"] },
      { a: S(10), b: W(5), votes: ["A", "A", "B"], judge: { status: "AGREED", label: "A" }, judgments: ["A", "A"] },
    ]);
    const m = await getProjectMetrics(project.id);
    expect(m.judgeHuman).toMatchObject({ n: 2, accuracy: 1, kappa: null });
    expect(m.judgeHuman.kappaReason).toMatch(/single category/);
  });
});
