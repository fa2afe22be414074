import { ApiClientError } from "@/lib/api/client";

/**
 * Whether a failed request may succeed if sent again: no answer at all (offline, a reset
 * connection, a server restarting), a 5xx, a timeout (408) or a rate limit (429). Any other
 * answer is the server's decision about the vote and sending it again would not change it.
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiClientError)) return true;
  return err.status >= 500 || err.status === 408 || err.status === 429;
}

/** 1 s, 2 s, 4 s … then every 30 s: a server back after a restart gets the vote within half a minute. */
export const retryDelay = (attempt: number) => Math.min(1_000 * 2 ** attempt, 30_000);

/** Waits between attempts that "Try now" (or the browser coming back online) cuts short. */
export function createWaker() {
  const sleepers = new Set<() => void>();
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        sleepers.add(done);
      }),
    wake: () => [...sleepers].forEach((done) => done()),
  };
}

/**
 * Sends until the server answers: a vote is never given up for a network failure or a server
 * error, only for the server's refusal. The same voteId goes every time, so it is stored once.
 */
export async function sendUntilAnswered<T>(
  send: () => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  onFailedAttempt: (err: unknown) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!isTransient(err)) throw err;
      onFailedAttempt(err);
      await sleep(retryDelay(attempt));
    }
  }
}

/** The first words of a prompt, enough for the annotator to tell which pair is meant. */
export function promptStart(text: string, words = 8): string {
  const all = text.trim().split(/\s+/).filter(Boolean);
  if (all.length === 0) return "(empty prompt)";
  return `“${all.slice(0, words).join(" ")}${all.length > words ? " …" : ""}”`;
}

/** What to tell the annotator when the server refused a vote on the pair with this prompt. */
export function refusedVoteMessage(prompt: string, err: unknown): string {
  const pair = promptStart(prompt);
  // Two tabs of the same annotator are served the same pair: the vote is theirs either way.
  if (err instanceof ApiClientError && err.code === "already_voted")
    return `The pair ${pair} was already voted on in another tab or window of yours; this tab moved on to the next pair.`;
  const why = err instanceof ApiClientError ? err.message : "the server could not be reached";
  return `Your vote on the pair ${pair} was not saved: ${why}.`.replace(/\.\.$/, ".");
}
