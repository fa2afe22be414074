"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** A short-lived status message (the page's toast), announced politely to screen readers. */
export function useStatus(ms = 5_000): [string, (message: string) => void] {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const say = useCallback(
    (m: string) => {
      clearTimeout(timer.current);
      setMessage(m);
      timer.current = setTimeout(() => setMessage(""), ms);
    },
    [ms],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return [message, say];
}
