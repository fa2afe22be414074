import { tabValue } from "@/lib/browser/tab-storage";

// Answers as they are typed, kept in the tab until the server has them: an answer can take
// minutes to write, and a session that ends (or a reload) must not take it away. One per
// assignment, so an answer to a prompt that has meanwhile gone to someone else is still there.

export interface KeptAnswer {
  assignmentId: string;
  /** The prompt's text, to say which prompt an answer no longer served was written to. */
  prompt: string;
  text: string;
}

const kept = (projectId: string) => tabValue<KeptAnswer[]>(`pairwise:kept-answers:${projectId}`, []);

export function keptAnswers(storage: Storage | undefined, projectId: string): KeptAnswer[] {
  const answers = kept(projectId).read(storage);
  return Array.isArray(answers) ? answers : [];
}

/** Keeps the answer typed so far (an emptied one is forgotten); whether storage took it. */
export function keepAnswer(storage: Storage | undefined, projectId: string, answer: KeptAnswer): boolean {
  const others = keptAnswers(storage, projectId).filter((a) => a.assignmentId !== answer.assignmentId);
  const all = answer.text.trim() ? [...others, answer] : others;
  if (all.length) return kept(projectId).write(storage, all);
  kept(projectId).remove(storage);
  return true;
}

export function forgetAnswer(storage: Storage | undefined, projectId: string, assignmentId: string): void {
  keepAnswer(storage, projectId, { assignmentId, prompt: "", text: "" });
}
