import { personValue, type TabOwner } from "@/lib/browser/tab-storage";
import type { VoteBody } from "./types";

// Votes the server refused because the session had ended, kept until they are sent again after
// signing in. Each keeps its voteId, so sending one twice still records it once. Kept per person:
// they are sent again only when the same person signs in again.

const kept = (owner: TabOwner) => personValue<VoteBody[]>("unsaved-votes", owner, []);

export function unsavedVotes(storage: Storage | undefined, owner: TabOwner): VoteBody[] {
  const votes = kept(owner).read(storage);
  return Array.isArray(votes) ? votes : [];
}

/** Whether the vote was kept: storage can be full or refused. */
export function keepUnsavedVote(storage: Storage | undefined, owner: TabOwner, vote: VoteBody): boolean {
  const others = unsavedVotes(storage, owner).filter((v) => v.voteId !== vote.voteId);
  return kept(owner).write(storage, [...others, vote]);
}

export function forgetUnsavedVote(storage: Storage | undefined, owner: TabOwner, voteId: string): void {
  const left = unsavedVotes(storage, owner).filter((v) => v.voteId !== voteId);
  if (left.length) kept(owner).write(storage, left);
  else kept(owner).remove(storage);
}
