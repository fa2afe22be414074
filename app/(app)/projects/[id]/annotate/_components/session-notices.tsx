import { SessionEndedAlert } from "@/components/session-ended-alert";
import { Alert } from "@/components/ui/alert";
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
