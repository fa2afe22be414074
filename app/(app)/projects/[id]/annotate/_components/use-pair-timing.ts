"use client";

import { useLayoutEffect, useRef } from "react";

/**
 * Time on item (from the pair being painted to its submit) and the submit-to-next-pair measure
 * the browser tests read: "pairwise:next-pair", from the submit key to the next pair's commit.
 */
export function usePairTiming(shownId: string | undefined) {
  const shownAt = useRef(0);
  const awaitingNext = useRef(false);
  // A layout effect runs after the DOM is updated and before paint: as close to "visible" as React gets.
  useLayoutEffect(() => {
    shownAt.current = performance.now();
    if (awaitingNext.current && shownId) {
      awaitingNext.current = false;
      performance.mark("pairwise:next-visible");
      performance.measure("pairwise:next-pair", "pairwise:submit", "pairwise:next-visible");
    }
  }, [shownId]);
  return {
    /** Call first thing when the submit key is handled. */
    markSubmit: () => performance.mark("pairwise:submit"),
    /** The vote went out: the next pair to show closes the measure. */
    submitted: () => {
      awaitingNext.current = true;
    },
    /** Time on item so far. */
    elapsed: () => performance.now() - shownAt.current,
  };
}
