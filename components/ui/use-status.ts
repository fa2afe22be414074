"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** How long the region stays empty before the next message: long enough for screen readers to see a change. */
const GAP_MS = 100;

/**
 * A short-lived status message (the page's toast), announced politely to screen readers. Every
 * message is announced, even the same words as the last one ("Vote saved" after each vote): a
 * live region speaks on a change, so it is emptied first and the message set a moment later.
 */
export function useStatus(ms = 5_000): [string, (message: string) => void] {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const say = useCallback(
    (m: string) => {
      clearTimeout(timer.current);
      setMessage("");
      timer.current = setTimeout(() => {
        setMessage(m);
        timer.current = setTimeout(() => setMessage(""), ms);
      }, GAP_MS);
    },
    [ms],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return [message, say];
}
