"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { isTypingTarget } from "@/components/annotation/typing-target";
import { actionForKey, type KeyAction } from "./keymap";

/** Attribute for controls on which Enter submits the vote instead of pressing the control again. */
const ENTER_SUBMITS = { "data-enter-submits": "" };

/**
 * For the toggle buttons of a vote (choice, strength, flags): Enter on one not yet pressed presses
 * it, as on any button, so Tab then Enter chooses; once it is pressed, Enter submits, as it does
 * after a click on it (pressing it again would change nothing or take the choice back).
 */
export const enterSubmitsWhen = (pressed: boolean) => (pressed ? ENTER_SUBMITS : {});

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
        // Enter on a link or an ordinary button activates it, as everywhere else.
        const control = target?.closest?.("a, button, summary, [role=button]");
        if (control && !control.hasAttribute("data-enter-submits")) return;
        // Holding Enter down must not submit pair after pair, nor press the focused toggle again and again.
        if (e.repeat) return e.preventDefault();
      }
      if (latest.current(action)) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
