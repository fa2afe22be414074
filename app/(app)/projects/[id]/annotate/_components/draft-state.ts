import type { AnnotationItem, Choice, Flag, Side, Strength, VoteBody } from "./types";

/** What the annotator has said about the pair on screen, before submitting. */
export interface Draft {
  choice: Choice | null;
  strength: Strength | null;
  rationale: string;
  flags: Flag[];
  /** "Edit to improve": a rewrite of one side's answer, sent only when that side is chosen. */
  edit: { side: Side; text: string } | null;
  /** E was pressed without a side chosen: the next A/B picks the answer to edit (and prefers it). */
  askingEditSide: boolean;
  /** Enter was pressed with no choice made: the hint stays until a choice is made or the pair changes. */
  needsChoice: boolean;
}

export type DraftAction =
  | { type: "choose"; choice: Choice }
  | { type: "strength"; strength: Strength }
  | { type: "rationale"; text: string }
  | { type: "flag"; flag: Flag }
  | { type: "ask-edit-side" }
  | { type: "start-edit"; side: Side; text: string }
  | { type: "edit-text"; text: string }
  | { type: "discard-edit" }
  | { type: "cancel" }
  /** Submit with no choice made. */
  | { type: "ask-choice" }
  | { type: "reset" }
  /** Undo: the pair comes back with what was said about it. */
  | { type: "load"; draft: Draft };

export const emptyDraft: Draft = {
  choice: null,
  strength: null,
  rationale: "",
  flags: [],
  edit: null,
  askingEditSide: false,
  needsChoice: false,
};

export const isSide = (c: Choice | null): c is Side => c === "LEFT" || c === "RIGHT";

export function draftReducer(d: Draft, a: DraftAction): Draft {
  switch (a.type) {
    case "choose":
      return { ...d, choice: a.choice, askingEditSide: false, needsChoice: false };
    case "strength":
      // Strength qualifies "A better" or "B better"; pressing it first is fine, it waits for a side.
      return { ...d, strength: d.strength === a.strength ? null : a.strength };
    case "rationale":
      return { ...d, rationale: a.text };
    case "flag":
      return { ...d, flags: d.flags.includes(a.flag) ? d.flags.filter((f) => f !== a.flag) : [...d.flags, a.flag] };
    case "ask-edit-side":
      return { ...d, askingEditSide: true };
    case "start-edit":
      // Editing an answer means preferring it: the rewrite becomes the chosen side of the pair.
      return {
        ...d,
        choice: a.side,
        askingEditSide: false,
        needsChoice: false,
        edit: d.edit?.side === a.side ? d.edit : { side: a.side, text: a.text },
      };
    case "edit-text":
      return d.edit ? { ...d, edit: { ...d.edit, text: a.text } } : d;
    case "discard-edit":
      return { ...d, edit: null };
    case "cancel":
      return { ...d, askingEditSide: false };
    case "ask-choice":
      return d.choice ? d : { ...d, needsChoice: true };
    case "reset":
      return emptyDraft;
    case "load":
      return { ...a.draft, askingEditSide: false, needsChoice: false };
  }
}

/** The vote to send for `item`, or null while no choice is made. */
export function buildVote(d: Draft, item: AnnotationItem, voteId: string, timeOnItemMs: number): VoteBody | null {
  if (!d.choice) return null;
  // The server caps time on item at a day (a tab left open overnight).
  const ms = Math.min(86_400_000, Math.max(0, Math.round(timeOnItemMs)));
  const vote: VoteBody = { voteId, assignmentId: item.assignmentId, choice: d.choice, timeOnItemMs: ms };
  if (isSide(d.choice) && d.strength) vote.strength = d.strength;
  const rationale = d.rationale.trim();
  if (rationale) vote.rationale = rationale;
  if (d.edit && d.edit.side === d.choice) {
    const original = d.choice === "LEFT" ? item.left.text : item.right.text;
    if (d.edit.text.trim() && d.edit.text !== original) vote.editedText = d.edit.text;
  }
  if (d.flags.length) vote.flags = [...d.flags];
  return vote;
}

/** A draft tied to one assignment: moving to another pair starts from an empty draft by itself. */
export interface KeyedDraft {
  forId: string | null;
  draft: Draft;
}

export function keyedDraftReducer(s: KeyedDraft, a: { forId: string; action: DraftAction }): KeyedDraft {
  return { forId: a.forId, draft: draftReducer(s.forId === a.forId ? s.draft : emptyDraft, a.action) };
}

export const draftFor = (s: KeyedDraft, id: string | undefined): Draft => (id && s.forId === id ? s.draft : emptyDraft);
