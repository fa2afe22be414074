import { personValue, type TabOwner } from "@/lib/browser/tab-storage";

// Answers as they are typed, kept in the tab until the server has them: an answer can take
// minutes to write, and a session that ends (or a reload) must not take it away. One per
// assignment, so an answer to a prompt that has meanwhile gone to someone else is still there.
// Kept per person: whoever signs in to the tab next sees only their own.

export interface KeptAnswer {
  assignmentId: string;
  /** The prompt's text, to say which prompt an answer no longer served was written to. */
  prompt: string;
  text: string;
}

const kept = (owner: TabOwner) => personValue<KeptAnswer[]>("kept-answers", owner, []);

export function keptAnswers(storage: Storage | undefined, owner: TabOwner): KeptAnswer[] {
  const answers = kept(owner).read(storage);
  return Array.isArray(answers) ? answers : [];
}

/** Keeps the answer typed so far (an emptied one is forgotten); whether storage took it. */
export function keepAnswer(storage: Storage | undefined, owner: TabOwner, answer: KeptAnswer): boolean {
  const others = keptAnswers(storage, owner).filter((a) => a.assignmentId !== answer.assignmentId);
  const all = answer.text.trim() ? [...others, answer] : others;
  if (all.length) return kept(owner).write(storage, all);
  kept(owner).remove(storage);
  return true;
}

export function forgetAnswer(storage: Storage | undefined, owner: TabOwner, assignmentId: string): void {
  keepAnswer(storage, owner, { assignmentId, prompt: "", text: "" });
}

/**
 * The server took the answer, or the prompt was skipped: a submitted answer is forgotten; a
 * skipped prompt's text stays, to copy or discard, since a skip must never drop what was typed.
 * Whether a text is still kept for it.
 */
export function settleAnswer(
  storage: Storage | undefined,
  owner: TabOwner,
  assignmentId: string,
  how: "submitted" | "skipped",
): boolean {
  if (how === "submitted") forgetAnswer(storage, owner, assignmentId);
  return keptAnswers(storage, owner).some((a) => a.assignmentId === assignmentId);
}
