import "server-only";
import { isIP } from "node:net";
import { db } from "@/lib/db";

// Sign-in throttling: failures are counted per email and per client IP in fixed windows,
// in PostgreSQL so that every web process sees the same counts. Attempts whose password is being
// checked hold a place (a reservation) beside the failures until they are settled.
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perEmail: 5,
  perIp: 30,
} as const;

/** The per-email counter: cleared by a successful sign-in or an admin's password reset. */
export const emailLimitKey = (email: string) => `signin:email:${email.trim().toLowerCase()}`;

/**
 * The address a per-address limit counts: an IPv6 address by its /64, the block a single
 * subscriber or host is given (and can pick any of 2^64 addresses from); an IPv4 one as it is.
 */
export function limitedAddress(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.split("%")[0]!.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  // An IPv4 tail (::ffff:1.2.3.4 and the like) fills the last two groups.
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length - (/\./.test(ip) ? 1 : 0))).fill("0"),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export function signInKeys(email: string, ip: string) {
  return [
    { key: emailLimitKey(email), max: SIGN_IN_LIMITS.perEmail },
    { key: `signin:ip:${limitedAddress(ip)}`, max: SIGN_IN_LIMITS.perIp },
  ];
}

/** Seconds until the window of `row` ends, from `now`. */
const windowLeft = (windowStart: Date, now: number) =>
  Math.ceil((windowStart.getTime() + SIGN_IN_LIMITS.windowSeconds * 1000 - now) / 1000);

/** Seconds until the caller may try again, or 0 when none of the keys is over its limit. */
export async function retryAfterSeconds(keys: { key: string; max: number }[]): Promise<number> {
  const rows = await db.rateLimitBucket.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const now = Date.now();
  let wait = 0;
  for (const row of rows) {
    const max = keys.find((k) => k.key === row.key)!.max;
    const left = windowLeft(row.windowStart, now);
    if (row.count >= max && left > 0) wait = Math.max(wait, left);
  }
  return wait;
}

/** The window as an SQL interval. */
const WINDOW = `${SIGN_IN_LIMITS.windowSeconds} seconds`;
/** A reservation older than this was left by a process that died mid-check (see `reserve`). */
const RESERVATION_STALE = "60 seconds";
/** How long an attempt waits for attempts in flight to settle before it is refused. */
const SETTLE_WAIT_MS = 15_000;
/** The Retry-After of an attempt refused because attempts in flight did not settle in time. */
const BUSY_RETRY_SECONDS = 5;

/**
 * Takes a reservation on each key: one more attempt in flight. Returns each key's failures (in
 * its current window), reservations (this one included) and window start. Reservations not
 * renewed for RESERVATION_STALE are forgotten first: a check takes well under a second,
 * so they were left by a process that died mid-check.
 */
async function reserve(keys: string[]) {
  return db.$queryRaw<{ key: string; count: number; pending: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart", "pending", "pendingAt")
    SELECT k, 0, now(), 1, now() FROM unnest(${keys}::text[]) k
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${WINDOW}::interval THEN 0
                     ELSE "RateLimitBucket"."count" END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${WINDOW}::interval THEN now()
                     ELSE "RateLimitBucket"."windowStart" END,
      "pending" = CASE WHEN "RateLimitBucket"."pendingAt" < now() - ${RESERVATION_STALE}::interval
                       THEN 0 ELSE "RateLimitBucket"."pending" END + 1,
      "pendingAt" = now()
    RETURNING "key", "count", "pending", "windowStart"`;
}

/**
 * Settles one reservation on each key: gives it back and, for a wrong password, counts a
 * failure instead (in the key's current window); `clear` keys also forget their failures.
 */
async function settle(keys: string[], failed: boolean, clear: string[] = []) {
  const by = failed ? 1 : 0;
  await db.$executeRaw`
    UPDATE "RateLimitBucket" SET
      "pending" = greatest("pending" - 1, 0),
      "count" = CASE WHEN "key" = ANY(${clear}::text[]) THEN 0
                     WHEN "windowStart" < now() - ${WINDOW}::interval THEN ${by}::int
                     ELSE "count" + ${by}::int END,
      "windowStart" = CASE WHEN "windowStart" < now() - ${WINDOW}::interval THEN now() ELSE "windowStart" END
    WHERE "key" = ANY(${keys}::text[])`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds a place for one attempt on each key before its password is checked, so that attempts
 * made at the same moment cannot all pass a check none of them has counted: failures plus
 * attempts in flight never exceed a key's limit. Returns 0 when the attempt may go ahead (settle
 * it with `attemptSucceeded` or `attemptFailed`), or the seconds to wait when it is refused (it
 * then checks no password and counts against nothing).
 *
 * An attempt is refused at once when a key's failures have reached its limit. One over the
 * limit only because of attempts in flight (forty colleagues behind one office address signing
 * in at 9:00) waits for them to settle instead: each that turns out right frees its place,
 * each that turns out wrong becomes a failure. Only if they have not settled within
 * SETTLE_WAIT_MS is it refused, with a short wait.
 */
export async function takeAttempt(keys: { key: string; max: number }[]): Promise<number> {
  const names = keys.map((k) => k.key);
  const deadline = Date.now() + SETTLE_WAIT_MS;
  for (;;) {
    const rows = await reserve(names);
    const now = Date.now();
    let failed = 0;
    let busy = false;
    for (const row of rows) {
      const max = keys.find((k) => k.key === row.key)!.max;
      if (row.count >= max) failed = Math.max(failed, windowLeft(row.windowStart, now), 1);
      else if (row.count + row.pending > max) busy = true;
    }
    if (!failed && !busy) return 0;
    await settle(names, false);
    if (failed) return failed;
    if (Date.now() >= deadline) return BUSY_RETRY_SECONDS;
    // Jittered, so that attempts waiting together do not all come back at the same moment.
    await pause(100 + Math.random() * 200);
  }
}

/**
 * Settles an attempt taken with takeAttempt whose password was right: the email's failures are
 * forgotten, and the attempt's place is given back on every key.
 */
export async function attemptSucceeded(emailKey: string, otherKeys: string[]): Promise<void> {
  await settle([emailKey, ...otherKeys], false, [emailKey]);
}

/** Settles an attempt taken with takeAttempt whose password was wrong: a failure on every key. */
export async function attemptFailed(keys: string[]): Promise<void> {
  await settle(keys, true);
}

/** Counts one failure against each key, starting a new window where the old one has passed. */
export async function recordFailure(keys: string[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart")
    SELECT k, 1, now() FROM unnest(${keys}::text[]) k
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${WINDOW}::interval THEN 1
                     ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${WINDOW}::interval THEN now()
                     ELSE "RateLimitBucket"."windowStart" END`;
}

/** Forgets the keys' failures; attempts in flight keep their places. */
export async function clearFailures(keys: string[]): Promise<void> {
  await db.rateLimitBucket.updateMany({ where: { key: { in: keys } }, data: { count: 0 } });
}
