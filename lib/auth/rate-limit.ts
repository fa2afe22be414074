import "server-only";
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

export function signInKeys(email: string, ip: string) {
  return [
    { key: emailLimitKey(email), max: SIGN_IN_LIMITS.perEmail },
    { key: `signin:ip:${ip}`, max: SIGN_IN_LIMITS.perIp },
  ];
}

/** Seconds until the caller may try again, or 0 when none of the keys is over its limit. */
export async function retryAfterSeconds(keys: { key: string; max: number }[]): Promise<number> {
  const rows = await db.rateLimitBucket.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  const now = Date.now();
  let wait = 0;
  for (const row of rows) {
    const max = keys.find((k) => k.key === row.key)!.max;
    const endsAt = row.windowStart.getTime() + SIGN_IN_LIMITS.windowSeconds * 1000;
    if (row.count >= max && endsAt > now) wait = Math.max(wait, Math.ceil((endsAt - now) / 1000));
  }
  return wait;
}

/** Counts one failure against each key, starting a new window where the old one has passed. */
export async function recordFailure(keys: string[]): Promise<void> {
  const window = `${SIGN_IN_LIMITS.windowSeconds} seconds`;
  for (const key of keys) {
    await db.$executeRaw`
      INSERT INTO "RateLimitBucket" ("key", "count", "windowStart") VALUES (${key}, 1, now())
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${window}::interval THEN 1
                       ELSE "RateLimitBucket"."count" + 1 END,
        "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < now() - ${window}::interval THEN now()
                       ELSE "RateLimitBucket"."windowStart" END`;
  }
}

export async function clearFailures(keys: string[]): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: { in: keys } } });
}
