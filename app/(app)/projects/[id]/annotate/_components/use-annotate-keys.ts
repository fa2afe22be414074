"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { isTypingTarget } from "@/components/annotation/typing-target";
import { actionForKey, type KeyAction } from "./keymap";

/** Attribute for controls on which Enter submits the vote instead of pressing the control again. */
export const ENTER_SUBMITS = { "data-enter-submits": "" };

/**
 * Page-wide shortcuts. `handle` returns whether it used the action; used keys do not reach the
 * browser (no scrolling on Space-less keys, no find-as-you-type).
 */
export function useAnnotateKeys(handle: (action: KeyAction) => boolean) {
  // The listener is added once; it calls the latest handler, kept current after each render
  // (before any key event can arrive).
  const latest = useRef(handle);
  useLayoutEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target as HTMLElement | null;
      const action = actionForKey({
        key: e.key,
        code: e.code,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        typing: isTypingTarget(target),
      });
      if (!action) return;
      if (action.type === "submit" && !e.ctrlKey && !e.metaKey) {
        // Holding Enter down must not submit pair after pair.
        if (e.repeat) return;
        // Enter on a link or an ordinary button activates it, as everywhere else.
        const control = target?.closest?.("a, button, summary, [role=button]");
        if (control && !control.hasAttribute("data-enter-submits")) return;
      }
      if (latest.current(action)) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
