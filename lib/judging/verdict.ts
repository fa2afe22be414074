import type { JudgeVerdict } from "./schemas";

export type CandidateLabel = "A" | "B" | "TIE";

/** One order's judgment in candidate terms. */
export interface OrderJudgment {
  status: "OK" | "FAILED";
  winner: CandidateLabel | null;
  scoreA: number | null;
  scoreB: number | null;
}

/**
 * Turns a verdict about positions into one about candidates. Not swapped, candidate A was shown
 * first (position A); swapped, candidate B was, so every label and score changes sides.
 */
export function toCandidateTerms(
  verdict: JudgeVerdict,
  swapped: boolean,
): { winner: CandidateLabel; scoreA: number; scoreB: number } {
  const winner: CandidateLabel = verdict.winner === "tie" ? "TIE" : verdict.winner;
  if (!swapped) return { winner, scoreA: verdict.score_a, scoreB: verdict.score_b };
  return {
    winner: winner === "TIE" ? "TIE" : winner === "A" ? "B" : "A",
    scoreA: verdict.score_b,
    scoreB: verdict.score_a,
  };
}

export type PairVerdict =
  | { status: "AGREED"; label: CandidateLabel; confidence: number }
  | { status: "UNCERTAIN" | "FAILED"; label: null; confidence: null };

/** The winner's score minus the loser's, in one order; 0 for a tie (neither answer is ahead). */
function margin(j: OrderJudgment, winner: CandidateLabel): number {
  if (winner === "TIE") return 0;
  const [w, l] = winner === "A" ? [j.scoreA!, j.scoreB!] : [j.scoreB!, j.scoreA!];
  return w - l;
}

/**
 * The pair's verdict from its two orders. Either failed: FAILED. Different winners (position
 * bias, or a coin toss): UNCERTAIN. The same winner: AGREED, with the mean score margin of the
 * winner over the loser as confidence, clamped at 0 (a judge may name a winner it scored lower).
 * An agreed tie has confidence 0: it states no preference, so HYBRID sends it to humans
 * whenever the threshold is above 0.
 */
export function combineOrders(straight: OrderJudgment, swapped: OrderJudgment): PairVerdict {
  if (straight.status === "FAILED" || swapped.status === "FAILED" || !straight.winner || !swapped.winner) {
    return { status: "FAILED", label: null, confidence: null };
  }
  if (straight.winner !== swapped.winner) return { status: "UNCERTAIN", label: null, confidence: null };
  const label = straight.winner;
  const confidence = Math.max(0, (margin(straight, label) + margin(swapped, label)) / 2);
  return { status: "AGREED", label, confidence };
}
