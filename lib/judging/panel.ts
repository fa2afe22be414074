import type { CandidateLabel, PairVerdict } from "./verdict";

// A panel of judges (one to three endpoints) decides a pair together. Kept free of server
// imports: the Judging page and the dataset card describe the same rule from it.

export const MAX_PANEL_JUDGES = 3;

/** Judges needed for a strict majority of a panel: 1 of 1, 2 of 2, 2 of 3. */
export const majorityOf = (judges: number) => Math.floor(judges / 2) + 1;

/** The panel's rule in words, for the Judging page and the dataset card. */
export function panelRule(judges: number): string {
  if (judges <= 1) return "the judge's verdict stands when its two orders agree";
  const needed = majorityOf(judges);
  return needed === judges
    ? `a verdict stands when all ${judges} judges agree on the same winner in both orders`
    : `a verdict stands when at least ${needed} of the ${judges} judges agree on the same winner in both orders`;
}

/**
 * The pair's verdict from each panel judge's own verdict (combineOrders of its two orders).
 * AGREED when a strict majority of the panel agreed on the same label (A, B or TIE), with the
 * mean confidence of those judges; FAILED when so many judges failed that the others could
 * never form a majority; otherwise UNCERTAIN. A judge that was itself uncertain counts against
 * every label, as do the judges that failed. With one judge this is that judge's verdict.
 */
export function panelVerdict(judges: readonly PairVerdict[]): PairVerdict {
  if (judges.length === 0 || judges.length > MAX_PANEL_JUDGES)
    throw new RangeError(`panelVerdict: ${judges.length} judges`);
  const needed = majorityOf(judges.length);
  const byLabel = new Map<CandidateLabel, number[]>();
  for (const v of judges)
    if (v.status === "AGREED") byLabel.set(v.label, [...(byLabel.get(v.label) ?? []), v.confidence]);
  for (const [label, confidences] of byLabel) {
    // Two labels cannot both reach a strict majority, so the first found is the only one.
    if (confidences.length >= needed) {
      return { status: "AGREED", label, confidence: confidences.reduce((a, b) => a + b, 0) / confidences.length };
    }
  }
  const answered = judges.filter((v) => v.status !== "FAILED").length;
  if (answered < needed) return { status: "FAILED", label: null, confidence: null };
  return { status: "UNCERTAIN", label: null, confidence: null };
}
