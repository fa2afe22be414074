import type { Choice, Strength } from "./types";

export type KeyAction =
  | { type: "choose"; choice: Choice }
  | { type: "strength"; strength: Strength }
  | { type: "submit" }
  | { type: "skip" }
  | { type: "edit" }
  | { type: "diff" }
  | { type: "passage" }
  | { type: "undo" }
  | { type: "guidelines" }
  | { type: "help" }
  | { type: "escape" };

export interface KeyInput {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key went to a text box: only Esc and Ctrl/Cmd+Enter mean anything there. */
  typing: boolean;
}

const letters: Record<string, KeyAction> = {
  a: { type: "choose", choice: "LEFT" },
  b: { type: "choose", choice: "RIGHT" },
  t: { type: "choose", choice: "TIE" },
  x: { type: "choose", choice: "BOTH_BAD" },
  s: { type: "skip" },
  e: { type: "edit" },
  d: { type: "diff" },
  p: { type: "passage" },
  u: { type: "undo" },
  g: { type: "guidelines" },
};

/** What a key press asks for on the comparison page, or null when the browser should have it. */
export function actionForKey(k: KeyInput): KeyAction | null {
  if (k.key === "Escape") return { type: "escape" };
  if (k.key === "Enter" && (k.ctrlKey || k.metaKey) && !k.altKey) return { type: "submit" };
  if (k.typing || k.ctrlKey || k.metaKey || k.altKey) return null;
  if (k.key === "Enter") return k.shiftKey ? null : { type: "submit" };
  if (k.key === "?") return { type: "help" };
  // Shift+digit is read from the physical key: the character it types depends on the layout.
  if (k.shiftKey && (k.code === "Digit1" || k.code === "Numpad1")) return { type: "strength", strength: 1 };
  if (k.shiftKey && (k.code === "Digit2" || k.code === "Numpad2")) return { type: "strength", strength: 2 };
  if (k.key === "1") return { type: "choose", choice: "LEFT" };
  if (k.key === "2") return { type: "choose", choice: "RIGHT" };
  // Shift+letter is the letter, as Caps Lock is (the README promises `A` and `B`); no
  // command is bound to a shifted letter.
  return letters[k.key.toLowerCase()] ?? null;
}
