import "server-only";
import { isIP } from "node:net";
import { db } from "@/lib/db";

// Sign-in throttling: failures are counted per email and per client IP in fixed windows,
// in PostgreSQL so that every web process sees the same counts.
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

/**
 * Adds `by` to each key's count in one statement, starting a new window where the old one has
 * passed; returns each key's count and window start after it. A negative `by` gives counts back.
 */
async function addTo(keys: string[], by: number) {
  const window = `${SIGN_IN_LIMITS.windowSeconds} seconds`;
  return db.$queryRaw<{ key: string; count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart")
    SELECT k, greatest(${by}::int, 0), now() FROM unnest(${keys}::text[]) k
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${window}::interval THEN greatest(${by}::int, 0)
                     ELSE greatest("RateLimitBucket"."count" + ${by}::int, 0) END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${window}::interval THEN now()
                     ELSE "RateLimitBucket"."windowStart" END
    RETURNING "key", "count", "windowStart"`;
}

/**
 * Takes one attempt from each key's allowance before the password is checked, so attempts made
 * at the same moment cannot all pass a check that none of them has counted yet. Returns 0 when
 * the attempt may go ahead (it then counts as a failure until settled by `attemptSucceeded`), or
 * the seconds to wait when a key is over its limit (the attempt is then given back: a refused
 * attempt checks no password and counts against nothing).
 */
export async function takeAttempt(keys: { key: string; max: number }[]): Promise<number> {
  const rows = await addTo(
    keys.map((k) => k.key),
    1,
  );
  const now = Date.now();
  let wait = 0;
  for (const row of rows) {
    const max = keys.find((k) => k.key === row.key)!.max;
    if (row.count > max) wait = Math.max(wait, windowLeft(row.windowStart, now), 1);
  }
  if (wait > 0)
    await addTo(
      keys.map((k) => k.key),
      -1,
    );
  return wait;
}

/**
 * Settles an attempt taken with takeAttempt whose password was right: the email's failures are
 * forgotten, and the attempt is given back to the other keys (the address's).
 */
export async function attemptSucceeded(emailKey: string, otherKeys: string[]): Promise<void> {
  await clearFailures([emailKey]);
  if (otherKeys.length) await addTo(otherKeys, -1);
}

/** Counts one failure against each key, starting a new window where the old one has passed. */
export async function recordFailure(keys: string[]): Promise<void> {
  await addTo(keys, 1);
}

export async function clearFailures(keys: string[]): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: { in: keys } } });
}
