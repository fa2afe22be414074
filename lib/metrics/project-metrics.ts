import "server-only";
import { NotFoundError } from "@/lib/errors";
import { bulkPool } from "@/lib/bulk-db";
import { foldVoteShapes } from "@/lib/labels";
import { goldAccuracy } from "@/lib/trust";
import { agreementWithOthers, type LeaveOneOutGroup } from "./annotator-agreement";
import { judgeVsHuman, positionBias, type JudgeHumanRow } from "./judge";
import { judgeFigures, type JudgeFigures } from "./judge-figures";
import { panelFigures, type PanelJudge, type PanelRows } from "./panel";
import { LOG2_BIN_WIDTH, LOG2_MAX_BIN, LOG2_MIN_BIN, lengthBias } from "./length-bias";
import { fleissKappa, krippendorffAlpha, type RatedItem } from "./multi-rater";
import { leaveOneOutSql, panelMetricsSql, panelSql, projectMetricsSql } from "./queries";
import { humanWinRates } from "./source-wins";
import type { ProjectMetrics } from "./types";

export type { ProjectMetrics } from "./types";

type VoteCategory = "A" | "B" | "TIE" | "BOTH_BAD";

/** The rows of projectMetricsSql: each figure's aggregated rows, as JSON. */
interface MetricsRow extends Partial<PanelRows> {
  judge_human: JudgeHumanRow[];
  verdicts: ProjectMetrics["judgeVerdicts"];
  outcomes: {
    is_total: boolean;
    bin: number | null;
    n: number;
    longer: number;
    with_ratio: number;
    /** The total row's only. */
    median: number | null;
    strong_weak: number;
    strong_wins: number;
  }[];
}

function positionFigures(r: JudgeFigures): ProjectMetrics["positionBias"] {
  const bias = positionBias(r);
  return {
    n: bias.inconsistent.n,
    inconsistentShare: bias.inconsistent.value,
    firstPositionWinShare: bias.firstPositionWins.value,
    nJudgments: bias.firstPositionWins.n,
  };
}

interface LeaveOneOutRow {
  user_id: string;
  choice: VoteCategory;
  oa: number;
  ob: number;
  ot: number;
  ox: number;
  votes: number;
}

const categories: VoteCategory[] = ["A", "B", "TIE", "BOTH_BAD"];

/**
 * Pairs with 2+ votes per shape (votes per category), from the leave-one-out rows: a vote's
 * others plus itself are its pair's counts, and a pair of m votes stands behind m votes.
 */
function ratedShapes(rows: readonly LeaveOneOutRow[]): RatedItem[] {
  const votes = new Map<string, number>();
  for (const r of rows) {
    const counts = [r.oa, r.ob, r.ot, r.ox].map((c, i) => c + (categories[i] === r.choice ? 1 : 0));
    const key = counts.join(",");
    votes.set(key, (votes.get(key) ?? 0) + r.votes);
  }
  return [...votes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => {
      const counts = key.split(",").map(Number);
      return { counts, weight: n / counts.reduce((s, c) => s + c, 0) };
    });
}

async function annotatorFigures(rows: LeaveOneOutRow[], overlap: number): Promise<ProjectMetrics["annotators"]> {
  const rated = ratedShapes(rows);
  const alpha = krippendorffAlpha(rated);
  const fleiss = fleissKappa(rated, overlap);
  const loo: LeaveOneOutGroup<VoteCategory>[] = rows.map((r) => ({
    userId: r.user_id,
    choice: r.choice,
    others: { A: r.oa, B: r.ob, TIE: r.ot, BOTH_BAD: r.ox },
    votes: r.votes,
  }));
  const perUser = agreementWithOthers(loo);
  const users = await bulkPool().query<{ id: string; email: string }>(
    `SELECT "id", "email" FROM "User" WHERE "id" = ANY($1)`,
    [[...perUser.keys()]],
  );
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

function outcomeFigures(rows: MetricsRow["outcomes"]): Pick<ProjectMetrics, "strongWeak" | "lengthBias"> {
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
    strongWeak: {
      n: strongWeakN,
      strongWins: total?.strong_wins ?? 0,
      strongWinRate: strongWeakN ? total!.strong_wins / strongWeakN : null,
    },
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
 * Every agreement and quality figure of a project, aggregated in PostgreSQL by one statement
 * (see queries.ts). Safe on projects of a million pairs: it returns no more than a few rows per
 * category, bin or annotator, and reads the votes, judgments and candidates once each.
 */
export async function getProjectMetrics(projectId: string): Promise<ProjectMetrics> {
  const pool = bulkPool();
  const [{ rows }, judges] = await Promise.all([
    pool.query<{ overlap: number }>(`SELECT "overlap" FROM "Project" WHERE "id" = $1`, [projectId]),
    pool.query<PanelJudge>(panelSql, [projectId]),
    // The leave-one-out rows below are running figures appended vote by vote: fold them first.
    foldVoteShapes(projectId),
  ]);
  if (!rows[0]) throw new NotFoundError("Project");
  const overlap = rows[0].overlap;
  // A panel's own figures come from the same statement, which has the human labels at hand.
  const panel = judges.rows.length > 1 ? judges.rows : null;
  const bins = [LOG2_BIN_WIDTH, LOG2_MIN_BIN, LOG2_MAX_BIN];
  // Statements with no work in common, each on its own connection, so both cores work.
  const [figures, leaveOneOut, position, gold, humanVsModel] = await Promise.all([
    panel
      ? pool.query<MetricsRow>(panelMetricsSql, [projectId, ...bins, panel.map((j) => j.id)])
      : pool.query<MetricsRow>(projectMetricsSql, [projectId, ...bins]),
    pool.query<LeaveOneOutRow>(leaveOneOutSql, [projectId]),
    // The current panel's judgments only: a judge that left no longer decides any pair.
    judgeFigures(
      projectId,
      judges.rows.map((j) => j.id),
    ),
    goldAccuracy(projectId),
    humanWinRates(projectId),
  ]);
  const row = figures.rows[0]!;
  return {
    projectId,
    overlap,
    judgeHuman: judgeVsHuman(row.judge_human),
    panel: panel && panelFigures(panel, { judge_each: row.judge_each ?? [], judge_pairs: row.judge_pairs ?? [] }),
    positionBias: positionFigures(position),
    judgeVerdicts: row.verdicts,
    gold,
    annotators: await annotatorFigures(leaveOneOut.rows, overlap),
    ...outcomeFigures(row.outcomes),
    humanVsModel,
  };
}
