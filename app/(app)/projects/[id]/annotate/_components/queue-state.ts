import { HELD_AHEAD } from "@/lib/annotation/queue-limits";
import type { AnnotationItem } from "./types";

export const AHEAD = HELD_AHEAD;
/** A held pair whose lease ends sooner than this is let go: a vote on it would likely be refused. */
export const LEASE_MARGIN_MS = 30_000;

export interface QueueState {
  /** items[0] is on screen; the rest are prefetched. */
  items: AnnotationItem[];
  /** Assignments submitted (vote or skip) whose request has not settled: still held on the server. */
  pending: string[];
  /** The server had nothing more for this user the last time it was asked. */
  exhausted: boolean;
}

export type QueueAction =
  | { type: "received"; items: AnnotationItem[] }
  | { type: "advance"; assignmentId: string; now: number }
  | { type: "settled"; assignmentId: string }
  /** Votes kept from before signing in again are being sent: their pairs are not to be shown. */
  | { type: "resend"; assignmentIds: string[] }
  | { type: "restore"; item: AnnotationItem }
  | { type: "recheck" };

export const emptyQueue: QueueState = { items: [], pending: [], exhausted: false };

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case "received": {
      const known = new Set(holding(state));
      const fresh = action.items.filter((i) => !known.has(i.assignmentId));
      return { ...state, items: [...state.items, ...fresh], exhausted: action.items.length === 0 };
    }
    case "advance": {
      const [current, ...rest] = state.items;
      // A second Enter on the same pair (key repeat, double click) must not skip the next one.
      if (!current || current.assignmentId !== action.assignmentId) return state;
      const live = rest.filter((i) => Date.parse(i.leasedUntil) - action.now > LEASE_MARGIN_MS);
      return { ...state, items: live, pending: [...state.pending, current.assignmentId] };
    }
    case "resend": {
      const sent = new Set(action.assignmentIds);
      const pending = [...state.pending.filter((id) => !sent.has(id)), ...action.assignmentIds];
      return { ...state, items: state.items.filter((i) => !sent.has(i.assignmentId)), pending };
    }
    case "settled":
      return { ...state, pending: state.pending.filter((id) => id !== action.assignmentId) };
    case "restore": {
      const id = action.item.assignmentId;
      return {
        ...state,
        items: [action.item, ...state.items.filter((i) => i.assignmentId !== id)],
        pending: state.pending.filter((p) => p !== id),
      };
    }
    case "recheck":
      return { ...state, exhausted: false };
  }
}

/** How many new pairs to claim now. */
export function wanted(state: QueueState): number {
  return state.exhausted ? 0 : Math.max(0, 1 + AHEAD - state.items.length);
}

/** Assignment ids the client holds, so the server does not hand them out again. */
export function holding(state: QueueState): string[] {
  return [...state.items.map((i) => i.assignmentId), ...state.pending];
}
