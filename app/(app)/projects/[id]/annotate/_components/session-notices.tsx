import { SessionEndedAlert } from "@/components/session-ended-alert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ResentVotes, SignedOutVotes } from "./use-annotation-queue";

const votes = (n: number) => (n === 1 ? "Your last vote was" : `Your last ${n} votes were`);

/** In place of the pair once the session has ended: what became of the votes, and the way back. */
export function SignedOutNotice({ kept, lost }: SignedOutVotes) {
  return (
    <SessionEndedAlert>
      Your session has ended. {kept > 0 && `${votes(kept)} NOT saved: kept in this tab, sent again when you sign in. `}
      {lost > 0 &&
        `${votes(lost)} NOT saved, and this browser would not keep ${lost === 1 ? "it" : "them"}: ` +
          "the pair comes back to you after signing in, if it is still yours. "}
      {kept + lost === 0 && "Sign in again to go on labelling."}
    </SessionEndedAlert>
  );
}

/** What the server made of the votes kept from before signing in again. */
export function ResentNotice({ saved, refused }: ResentVotes) {
  return (
    <>
      {saved > 0 && (
        <Alert tone="success">
          {saved === 1 ? "Your vote" : `${saved} votes`} from before you signed in again {saved === 1 ? "is" : "are"}{" "}
          saved.
        </Alert>
      )}
      {refused.map((reason, i) => (
        <Alert key={i} tone="error">
          A vote from before you signed in again could not be saved: {reason}
        </Alert>
      ))}
    </>
  );
}

export interface WaitingVotesNoticeProps {
  count: number;
  onRetry: () => void;
}

/** Stays while any vote is unsaved for want of an answer from the server; it is being sent again. */
export function WaitingVotesNotice({ count, onRetry }: WaitingVotesNoticeProps) {
  // The live region is always there, so the count is announced as it first appears and as it changes.
  return (
    <div role="status" aria-live="polite" data-testid="annotate-waiting">
      {count > 0 && (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span>
            {count === 1 ? "1 vote is" : `${count} votes are`} not saved yet: the server could not be reached. Kept in
            this tab and sent again automatically; closing the tab would lose {count === 1 ? "it" : "them"}.
          </span>
          <Button variant="secondary" onClick={onRetry}>
            Try now
          </Button>
        </div>
      )}
    </div>
  );
}
