import type { HistogramBin } from "./length-bias";

// The figures of a project's metrics page, also printed on dataset cards. Every figure comes with
// n, the number of pairs (or judgments) it rests on; a null figure means there was nothing to
// compute it from, or that it is undefined for the data, and `reason` then says which.

export type JudgeHumanLabel = "A" | "B" | "TIE";

export interface ProjectMetrics {
  projectId: string;
  /** Human votes each pair asks for. */
  overlap: number;
  /** Pairs with a human label (adjudication or vote majority) and an AGREED judge label. */
  judgeHuman: {
    n: number;
    accuracy: number | null;
    kappa: number | null;
    /** Why kappa is null, when it is. */
    kappaReason?: string;
    /** Rows: the human label; columns: the judge's. */
    confusion: { labels: JudgeHumanLabel[]; counts: number[][] };
    /** Pairs left out because humans said both answers are bad (the judge has no such verdict). */
    bothBadExcluded: number;
    /** Pairs left out because their votes split evenly (1–1, or three ways) and no admin decided. */
    splitExcluded: number;
  };
  /**
   * With a panel of two or three judges (null otherwise): each judge's own verdict (its two
   * orders agreeing) against humans, and each two judges against each other, on the pairs both
   * gave a verdict. The figures above are the panel's.
   */
  panel: {
    judges: {
      endpointId: string;
      name: string;
      modelId: string;
      n: number;
      accuracy: number | null;
      kappa: number | null;
      kappaReason?: string;
    }[];
    agreement: {
      a: { endpointId: string; name: string };
      b: { endpointId: string; name: string };
      /** Pairs both judges gave an agreed verdict (A, B or TIE). */
      n: number;
      /** Share of those with the same verdict. */
      agreement: number | null;
      kappa: number | null;
      kappaReason?: string;
    }[];
  } | null;
  positionBias: {
    /**
     * Verdicts of a judge of the current panel on a pair with both orders OK (one per pair and
     * judge: a panel of three counts each pair three times).
     */
    n: number;
    /** Share of those whose verdict changed when the order did. */
    inconsistentShare: number | null;
    /** Share of OK judgments naming a winner that the answer shown first won. */
    firstPositionWinShare: number | null;
    nJudgments: number;
  };
  /**
   * Pairs (gold pairs aside) with a verdict of the project's current panel, and those it could
   * not decide, by cause: uncertain (the orders, or the judges, disagreed) and judge failed (no
   * usable verdict), as the run card counts them.
   */
  judgeVerdicts: { judged: number; uncertain: number; failed: number };
  /**
   * Each annotator's accuracy on gold pairs (n: gold answers), the gold pairs there are, and the
   * trust rule in force (lib/trust), with whether it leaves out each annotator's votes.
   */
  gold: {
    goldPairs: number;
    rule: { minAccuracy: number | null; minGold: number };
    perAnnotator: {
      userId: string;
      email: string;
      answers: number;
      correct: number;
      accuracy: number;
      excluded: boolean;
    }[];
  };
  annotators: {
    /** Pairs with 2 or more votes. */
    nPairs: number;
    kappaOrAlpha: {
      statistic: "krippendorff_alpha_nominal";
      label: string;
      value: number | null;
      n: number;
      reason?: string;
    };
    /** Fleiss' kappa over the pairs that have exactly `overlap` votes (when overlap ≥ 2). */
    fleiss: { value: number | null; n: number; raters: number; reason?: string };
    perAnnotator: { userId: string; email: string; n: number; agreement: number | null }[];
  };
  /** Decided pairs with one STRONG and one WEAK candidate. */
  strongWeak: { n: number; strongWins: number; strongWinRate: number | null };
  /**
   * Decided pairs of a human-written answer against a model's, per opponent (endpoint name, or
   * the imported answer's model); empty when the project has none.
   */
  humanVsModel: { opponent: string; n: number; humanWins: number; humanWinRate: number }[];
  lengthBias: {
    /** Decided pairs. */
    n: number;
    longerChosenShare: number | null;
    /** Median of chosen/rejected length in characters, over the nRatio pairs with two non-empty answers. */
    medianRatio: number | null;
    nRatio: number;
    histogram: HistogramBin[];
  };
}
