import { accuracy, cohensKappa, confusionMatrix } from "./agreement";
import { share, type Measure } from "./measure";
import type { JudgeHumanLabel, ProjectMetrics } from "./types";

export const judgeHumanLabels: JudgeHumanLabel[] = ["A", "B", "TIE"];

/** Pairs per combination of human label (A, B, TIE, BOTH_BAD, or SPLIT for an even split of the votes) and the judge's agreed verdict. */
export interface JudgeHumanRow {
  human: string;
  judge: JudgeHumanLabel;
  n: number;
}

/** Counts behind the position-bias figures, aggregated over a project's judgments. */
export interface PositionCounts {
  /** Pairs (per judge endpoint) judged in both orders with both judgments OK. */
  bothOrders: number;
  /** Of those, how many gave different verdicts (A, B or TIE in candidate terms) in the two orders. */
  inconsistent: number;
  /** OK judgments whose winner was A or B (ties say nothing about position). */
  decisive: number;
  /** Of those, how many were won by the answer shown first. */
  firstWins: number;
}

export interface PositionBias {
  inconsistent: Measure;
  firstPositionWins: Measure;
}

/** A judge without position bias flips no verdict when the order flips, and wins first about half the time. */
export function positionBias(c: PositionCounts): PositionBias {
  return {
    inconsistent: share(c.inconsistent, c.bothOrders, "no pair has OK judgments in both orders"),
    firstPositionWins: share(c.firstWins, c.decisive, "no OK judgment picked a winner"),
  };
}

/** Whether a judgment's winner (candidate terms) is the answer that was shown first. */
export function firstShownWon(winner: "A" | "B", swapped: boolean): boolean {
  return (winner === "A") !== swapped;
}

/** Judge against humans on the pairs both labelled: accuracy, Cohen's kappa, the confusion matrix. */
export function judgeVsHuman(rows: JudgeHumanRow[]): ProjectMetrics["judgeHuman"] {
  // The judge answers A, B or TIE only; a human "both bad" has no counterpart to agree with. An
  // even split of the votes (SPLIT) is no human label at all: no annotator said "tie".
  const comparable = rows.filter((r) => r.human !== "BOTH_BAD" && r.human !== "SPLIT");
  const confusion = confusionMatrix(
    judgeHumanLabels,
    comparable.map((r) => [r.human as JudgeHumanLabel, r.judge, r.n] as const),
  );
  const kappa = cohensKappa(confusion);
  return {
    n: kappa.n,
    accuracy: accuracy(confusion).value,
    kappa: kappa.value,
    ...(kappa.reason && kappa.n > 0 ? { kappaReason: kappa.reason } : {}),
    confusion: { labels: judgeHumanLabels, counts: confusion.counts },
    bothBadExcluded: rows.filter((r) => r.human === "BOTH_BAD").reduce((s, r) => s + r.n, 0),
    splitExcluded: rows.filter((r) => r.human === "SPLIT").reduce((s, r) => s + r.n, 0),
  };
}
