// What the project overview's dashboard shows: a few rows per day and per annotator, computed
// from running figures (votes per annotator and day, the pairs' vote counts), never by reading
// every vote.

export interface ProjectDashboard {
  /** The last DASHBOARD_DAYS days (UTC), oldest first, days without votes included. */
  votesPerDay: { day: string; votes: number }[];
  annotators: {
    userId: string;
    email: string;
    votes: number;
    /** Votes in the last 7 days. */
    lastWeek: number;
    /** Days with at least one vote. */
    activeDays: number;
    /** Median time on item over the annotator's most recent votes (at most RECENT_VOTES). */
    medianMs: number | null;
    medianOf: number;
  }[];
  remaining: {
    /**
     * The project's labels are implicit (strong over weak, or the imported label): every pair is
     * exported without votes, and votes are an optional review that overrides the label.
     */
    votesOptional: boolean;
    /** Pairs in the human queue with fewer votes than the overlap. */
    pairsNeedingVotes: number;
    votesNeeded: number;
    pendingTasks: number;
    runningTasks: number;
    /**
     * Pairs no judge has seen, in a project whose mode uses the judge, while no judging run is
     * under way: a judging run is needed. 0 in the other modes.
     */
    pairsAwaitingJudge: number;
  };
  /**
   * Model cost per day (USD) of each kind of model work: generated answers, judgments, and document
   * runs (their items and, for preference runs, the rejected answers); days with a cost only. Over
   * all days each kind adds up to its runs' costs.
   */
  costPerDay: { day: string; generation: number; judging: number; documents: number }[];
}
