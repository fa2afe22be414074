import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { SAFE_METHODS } from "./csrf";
import { ApiError } from "./errors";

/**
 * What a token may not do, whatever its user may: a READ token changes nothing (exports are
 * GET requests, so it can still make them), and no token manages users or tokens.
 */
export function checkTokenAccess(req: Request, caller: Caller, sessionOnly = false): void {
  if (caller.via !== "token") return;
  if (sessionOnly) throw new ApiError(403, "session_required", "API tokens cannot do this; sign in in the browser");
  if (caller.scope === "READ" && !SAFE_METHODS.has(req.method)) {
    throw new ApiError(
      403,
      "read_only_token",
      "This API token is read-only: it can read and export, not change anything",
    );
  }
}
