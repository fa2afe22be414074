import { tabValue } from "@/lib/browser/tab-storage";
import type { VoteBody } from "./types";

// Votes the server refused because the session had ended, kept until they are sent again after
// signing in. Each keeps its voteId, so sending one twice still records it once.

const kept = (projectId: string) => tabValue<VoteBody[]>(`pairwise:unsaved-votes:${projectId}`, []);

export function unsavedVotes(storage: Storage | undefined, projectId: string): VoteBody[] {
  const votes = kept(projectId).read(storage);
  return Array.isArray(votes) ? votes : [];
}

/** Whether the vote was kept: storage can be full or refused. */
export function keepUnsavedVote(storage: Storage | undefined, projectId: string, vote: VoteBody): boolean {
  const others = unsavedVotes(storage, projectId).filter((v) => v.voteId !== vote.voteId);
  return kept(projectId).write(storage, [...others, vote]);
}

export function forgetUnsavedVote(storage: Storage | undefined, projectId: string, voteId: string): void {
  const left = unsavedVotes(storage, projectId).filter((v) => v.voteId !== voteId);
  if (left.length) kept(projectId).write(storage, left);
  else kept(projectId).remove(storage);
}
