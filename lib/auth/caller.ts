import "server-only";
import { ApiError } from "@/lib/api/errors";
import { userForToken } from "@/lib/tokens/tokens";
import { getCurrentUser, type SessionUser } from "./session";

export type Caller = SessionUser & { via: "session" | "token" };

/**
 * Who is calling an API route: the holder of an `Authorization: Bearer` API token, or else the
 * signed-in user. A bearer token that does not work is an error of its own: the request never
 * falls back to a cookie that happens to be there.
 */
export async function resolveCaller(req: Request): Promise<Caller | null> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = match ? await userForToken(match[1]!) : null;
    if (!user) throw new ApiError(401, "invalid_token", "The API token is invalid, revoked, or its user is deactivated");
    return { ...user, via: "token" };
  }
  const user = await getCurrentUser();
  return user && { ...user, via: "session" };
}
