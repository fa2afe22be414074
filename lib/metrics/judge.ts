import { share, type Measure } from "./measure";

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
