import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { ApiError, notFound } from "@/lib/api/errors";
import type { PublicToken } from "./schemas";

// Personal API tokens for scripts (exports, imports). Only a sha256 of the token is stored: a
// database dump does not hand out access, and sha256 suffices because the token is 256 random bits.

const TOKEN_PREFIX = "pw_";
const SHOWN_PREFIX = TOKEN_PREFIX.length + 6;
/** lastUsedAt is written at most this often per token, so busy scripts do not write every request. */
const LAST_USED_RESOLUTION_SECONDS = 60;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const toPublic = (t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): PublicToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** Creates a token; the returned `token` is the only time it is ever seen. */
export async function createToken(userId: string, name: string): Promise<{ token: string; record: PublicToken }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_PREFIX) },
  });
  return { token, record: toPublic(row) };
}

export async function listTokens(userId: string): Promise<PublicToken[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toPublic);
}

/** Revokes one of the user's own tokens; it stops working at the next request. */
export async function revokeToken(userId: string, id: string): Promise<PublicToken> {
  const row = await db.apiToken.findFirst({ where: { id, userId } });
  if (!row) throw notFound("Token");
  if (row.revokedAt) throw new ApiError(409, "already_revoked", "This token is already revoked");
  return toPublic(await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
}

/**
 * The user a bearer token acts for, with that user's current role, or null when the token is
 * unknown, revoked, or its user deactivated. Records the use.
 */
export async function userForToken(token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, active: true } } },
  });
  if (!row || row.revokedAt || !row.user.active) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_SECONDS * 1000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, role } = row.user;
  return { id, email, name, role };
}
