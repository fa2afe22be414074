import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { PublicToken, TokenScopeName } from "./schemas";

// Personal API tokens for scripts (exports, imports). Only a sha256 of the token is stored: a
// database dump does not hand out access, and sha256 suffices because the token is 256 random bits.
// A token records its owner's sessionVersion: a password reset, deactivation or demotion bumps
// that (lib/users/users.ts), and every token made before stops working.

const TOKEN_PREFIX = "pw_";
const SHOWN_PREFIX = TOKEN_PREFIX.length + 6;
/** lastUsedAt is written at most this often per token, so busy scripts do not write every request. */
const LAST_USED_RESOLUTION_SECONDS = 60;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const listed = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  userSessionVersion: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  user: { select: { id: true, email: true, active: true, sessionVersion: true } },
} as const;

type ListedRow = {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScopeName;
  userSessionVersion: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { id: string; email: string; active: boolean; sessionVersion: number };
};

const isEnded = (t: Pick<ListedRow, "userSessionVersion" | "user">) =>
  !t.user.active || t.userSessionVersion !== t.user.sessionVersion;

const toPublic = (t: ListedRow): PublicToken => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scope: t.scope,
  owner: { id: t.user.id, email: t.user.email },
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  status: t.revokedAt ? "revoked" : isEnded(t) ? "ended" : "active",
});

/** Creates a token; the returned `token` is the only time it is ever seen. */
export async function createToken(
  userId: string,
  name: string,
  scope: TokenScopeName = "FULL",
): Promise<{ token: string; record: PublicToken }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const { sessionVersion } = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  const row = await db.apiToken.create({
    data: {
      userId,
      name,
      scope,
      userSessionVersion: sessionVersion,
      tokenHash: hashToken(token),
      prefix: token.slice(0, SHOWN_PREFIX),
    },
    select: listed,
  });
  return { token, record: toPublic(row) };
}

/** Every user's tokens: any admin can see what scripts hold access, and revoke it. */
export async function listTokens(): Promise<PublicToken[]> {
  const rows = await db.apiToken.findMany({ select: listed, orderBy: { createdAt: "desc" } });
  return rows.map(toPublic);
}

/** Revokes a token, whoever owns it; it stops working at the next request. */
export async function revokeToken(id: string): Promise<PublicToken> {
  const row = await db.apiToken.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!row) throw new NotFoundError("Token");
  if (row.revokedAt) throw new ConflictError("already_revoked", "This token is already revoked");
  return toPublic(await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: listed }));
}

/**
 * The user a bearer token acts for, with that user's current role, and the token's scope; or
 * null when the token is unknown, revoked, its user deactivated, or its user's password, role
 * or status changed since it was made. Records the use.
 */
export async function userForToken(token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      scope: true,
      revokedAt: true,
      lastUsedAt: true,
      userSessionVersion: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } },
    },
  });
  if (!row || row.revokedAt || isEnded(row)) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_SECONDS * 1000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, role } = row.user;
  return { user: { id, email, name, role }, scope: row.scope };
}
