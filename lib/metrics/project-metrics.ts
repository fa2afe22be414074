import "server-only";
import { notFound } from "@/lib/api/errors";
import { bulkPool } from "@/lib/bulk-db";
import { accuracy, cohensKappa, confusionMatrix } from "./agreement";
import { agreementWithOthers, type LeaveOneOutGroup } from "./annotator-agreement";
import { positionBias } from "./judge";
import { LOG2_BIN_WIDTH, LOG2_MAX_BIN, LOG2_MIN_BIN, lengthBias } from "./length-bias";
import { fleissKappa, krippendorffAlpha } from "./multi-rater";
import { decidedPairsSql, judgeHumanSql, leaveOneOutSql, positionSql, ratedItemsSql } from "./queries";
import type { JudgeHumanLabel, ProjectMetrics } from "./types";

export type { ProjectMetrics } from "./types";

const judgeHumanLabels: JudgeHumanLabel[] = ["A", "B", "TIE"];
type VoteCategory = "A" | "B" | "TIE" | "BOTH_BAD";

async function judgeVsHuman(projectId: string): Promise<ProjectMetrics["judgeHuman"]> {
  const { rows } = await bulkPool().query<{ human: string; judge: JudgeHumanLabel; n: number }>(judgeHumanSql, [projectId]);
  // The judge answers A, B or TIE only; a human "both bad" has no counterpart to agree with.
  const comparable = rows.filter((r) => r.human !== "BOTH_BAD");
  const confusion = confusionMatrix(judgeHumanLabels, comparable.map((r) => [r.human as JudgeHumanLabel, r.judge, r.n] as const));
  const kappa = cohensKappa(confusion);
  return {
    n: kappa.n,
    accuracy: accuracy(confusion).value,
    kappa: kappa.value,
    ...(kappa.reason && kappa.n > 0 ? { kappaReason: kappa.reason } : {}),
    confusion: { labels: judgeHumanLabels, counts: confusion.counts },
    bothBadExcluded: rows.filter((r) => r.human === "BOTH_BAD").reduce((s, r) => s + r.n, 0),
  };
}

async function positionFigures(projectId: string): Promise<ProjectMetrics["positionBias"]> {
  const { rows } = await bulkPool().query<{ both_orders: number; inconsistent: number; decisive: number; first_wins: number }>(positionSql, [projectId]);
  const r = rows[0]!;
  const bias = positionBias({ bothOrders: r.both_orders, inconsistent: r.inconsistent, decisive: r.decisive, firstWins: r.first_wins });
  return {
    n: bias.inconsistent.n,
    inconsistentShare: bias.inconsistent.value,
    firstPositionWinShare: bias.firstPositionWins.value,
    nJudgments: bias.firstPositionWins.n,
  };
}

async function annotatorFigures(projectId: string, overlap: number): Promise<ProjectMetrics["annotators"]> {
  const pool = bulkPool();
  const [items, groups] = await Promise.all([
    pool.query<{ a: number; b: number; t: number; x: number; items: number }>(ratedItemsSql, [projectId]),
    pool.query<{ user_id: string; choice: VoteCategory; oa: number; ob: number; ot: number; ox: number; votes: number }>(leaveOneOutSql, [projectId]),
  ]);
  const rated = items.rows.map((r) => ({ counts: [r.a, r.b, r.t, r.x], weight: r.items }));
  const alpha = krippendorffAlpha(rated);
  const fleiss = fleissKappa(rated, overlap);
  const loo: LeaveOneOutGroup<VoteCategory>[] = groups.rows.map((r) => ({
    userId: r.user_id,
    choice: r.choice,
    others: { A: r.oa, B: r.ob, TIE: r.ot, BOTH_BAD: r.ox },
    votes: r.votes,
  }));
  const perUser = agreementWithOthers(loo);
  const users = await pool.query<{ id: string; email: string }>(`SELECT "id", "email" FROM "User" WHERE "id" = ANY($1)`, [[...perUser.keys()]]);
  const email = new Map(users.rows.map((u) => [u.id, u.email]));
  return {
    nPairs: alpha.n,
    kappaOrAlpha: {
      statistic: "krippendorff_alpha_nominal",
      label: "Krippendorff's alpha (nominal)",
      value: alpha.value,
      n: alpha.n,
      ...(alpha.reason ? { reason: alpha.reason } : {}),
    },
    fleiss: { value: fleiss.value, n: fleiss.n, raters: overlap, ...(fleiss.reason ? { reason: fleiss.reason } : {}) },
    perAnnotator: [...perUser]
      .map(([userId, m]) => ({ userId, email: email.get(userId) ?? "deleted user", n: m.n, agreement: m.value }))
      .sort((a, b) => a.email.localeCompare(b.email)),
  };
}

async function outcomeFigures(projectId: string): Promise<Pick<ProjectMetrics, "strongWeak" | "lengthBias">> {
  const { rows } = await bulkPool().query<{
    is_total: boolean;
    bin: number | null;
    n: number;
    longer: number;
    with_ratio: number;
    median: number | null;
    strong_weak: number;
    strong_wins: number;
  }>(decidedPairsSql, [projectId, LOG2_BIN_WIDTH, LOG2_MIN_BIN, LOG2_MAX_BIN]);
  const total = rows.find((r) => r.is_total);
  const bins = new Map(rows.filter((r) => !r.is_total && r.bin !== null).map((r) => [r.bin!, r.n]));
  const length = lengthBias({
    decided: total?.n ?? 0,
    longerChosen: total?.longer ?? 0,
    withRatio: total?.with_ratio ?? 0,
    medianRatio: total?.median ?? null,
    bins,
  });
  const strongWeakN = total?.strong_weak ?? 0;
  return {
    strongWeak: { n: strongWeakN, strongWins: total?.strong_wins ?? 0, strongWinRate: strongWeakN ? total!.strong_wins / strongWeakN : null },
    lengthBias: {
      n: length.longerChosen.n,
      longerChosenShare: length.longerChosen.value,
      medianRatio: length.medianRatio.value,
      nRatio: length.medianRatio.n,
      histogram: length.histogram,
    },
  };
}

/**
 * Every agreement and quality figure of a project, aggregated in PostgreSQL. Safe on projects
 * of a million pairs: no query returns more than a few rows per category, bin or annotator.
 */
export async function getProjectMetrics(projectId: string): Promise<ProjectMetrics> {
  const { rows } = await bulkPool().query<{ overlap: number }>(`SELECT "overlap" FROM "Project" WHERE "id" = $1`, [projectId]);
  if (!rows[0]) throw notFound("Project");
  const overlap = rows[0].overlap;
  const [judgeHuman, position, annotators, outcomes] = await Promise.all([
    judgeVsHuman(projectId),
    positionFigures(projectId),
    annotatorFigures(projectId, overlap),
    outcomeFigures(projectId),
  ]);
  return { projectId, overlap, judgeHuman, positionBias: position, annotators, ...outcomes };
}
