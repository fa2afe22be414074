import "server-only";
import { SAFE_METHODS } from "@/lib/api/csrf";
import { ApiError } from "@/lib/api/errors";
import type { TokenScopeName } from "@/lib/tokens/schemas";
import { userForToken } from "@/lib/tokens/tokens";
import { getCurrentUser, type SessionUser } from "./session";

export type Caller = SessionUser & ({ via: "session" } | { via: "token"; scope: TokenScopeName });

/**
 * Who is calling an API route: the holder of an `Authorization: Bearer` API token, or else the
 * signed-in user. A bearer token that does not work is an error of its own: the request never
 * falls back to a cookie that happens to be there.
 */
export async function resolveCaller(req: Request): Promise<Caller | null> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const found = match ? await userForToken(match[1]!) : null;
    if (!found) {
      throw new ApiError(401, "invalid_token", "The API token is invalid, revoked, or no longer valid since its user's password, role or status changed");
    }
    return { ...found.user, via: "token", scope: found.scope };
  }
  const user = await getCurrentUser();
  return user && { ...user, via: "session" };
}

/**
 * What a token may not do, whatever its user may: a READ token changes nothing (exports are
 * GET requests, so it can still make them), and no token manages users or tokens.
 */
export function checkTokenAccess(req: Request, caller: Caller, sessionOnly = false): void {
  if (caller.via !== "token") return;
  if (sessionOnly) throw new ApiError(403, "session_required", "API tokens cannot do this; sign in in the browser");
  if (caller.scope === "READ" && !SAFE_METHODS.has(req.method)) {
    throw new ApiError(403, "read_only_token", "This API token is read-only: it can read and export, not change anything");
  }
}
