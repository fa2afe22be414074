import "server-only";
import { db } from "@/lib/db";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";

/**
 * Records a signed-out session as ended. Sessions last at most SESSION_MAX_AGE_SECONDS from
 * sign-in (lib/auth/session.ts refuses older ones), so the row is needed only until then; rows
 * past that are swept here, on the next sign-out.
 */
export async function endSession(sid: string, userId: string, signedInAt: number | undefined): Promise<void> {
  const start = signedInAt ? signedInAt * 1000 : Date.now();
  const expiresAt = new Date(start + SESSION_MAX_AGE_SECONDS * 1000);
  await db.endedSession.upsert({ where: { id: sid }, create: { id: sid, userId, expiresAt }, update: {} });
  await db.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
