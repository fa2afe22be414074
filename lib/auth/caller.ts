import "server-only";
import { UnauthenticatedError } from "@/lib/errors";
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
      throw new UnauthenticatedError(
        "invalid_token",
        "The API token is invalid, revoked, or no longer valid since its user's password, role or status changed",
      );
    }
    return { ...found.user, via: "token", scope: found.scope };
  }
  const user = await getCurrentUser();
  return user && { ...user, via: "session" };
}
