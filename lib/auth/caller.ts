import "server-only";
import { UnauthenticatedError } from "@/lib/errors";
import type { TokenScopeName } from "@/lib/tokens/schemas";
import { userForToken } from "@/lib/tokens/tokens";
import { getCurrentUser, sessionAccountDeactivated, type SessionUser } from "./session";

export type Caller = SessionUser & ({ via: "session" } | { via: "token"; scope: TokenScopeName });

/**
 * Who is calling an API route: the holder of an `Authorization: Bearer` API token, or else the
 * signed-in user. A bearer token that does not work is an error of its own: the request never
 * falls back to a cookie that happens to be there. A session of a deactivated account is refused
 * with its own code (`account_deactivated`), since signing in again cannot help it.
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
  if (user) return { ...user, via: "session" };
  if (await sessionAccountDeactivated()) {
    throw new UnauthenticatedError(
      "account_deactivated",
      "This account has been deactivated. Ask an admin to reactivate it.",
    );
  }
  return null;
}
