import "server-only";
import { getServerEnv } from "@/lib/env";
import { ApiError } from "./errors";

// Cross-site request forgery: a page on another site (or a same-site subdomain, which shares
// SameSite=Lax cookies) can make the browser send state-changing requests with our cookies. They
// are refused unless the browser says they come from our own origin, and unless they carry a
// content type no HTML form can send. Requests with a bearer token carry no cookie authority
// (lib/auth/caller.ts never falls back to the cookie), so only the content type applies to them.

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What upload routes (lib/api/upload.ts) take: the file's bytes, or JSON with pasted text. */
export const UPLOAD_TYPES = [
  "application/json",
  "application/octet-stream",
  "application/x-ndjson",
  "application/jsonl",
  "text/csv",
  "text/plain",
];

function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Whether the browser says the request comes from a page of ours: an Origin equal to
 * NEXTAUTH_URL's origin or naming the host the request was sent to, or, when a browser sends
 * no Origin, `Sec-Fetch-Site: same-origin`. Browsers send one or the other on every
 * non-GET request; a request with neither did not come from a browser page and is refused.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") === "same-origin";
  const configured = getServerEnv().NEXTAUTH_URL;
  if (configured && new URL(configured).origin === origin) return true;
  const host = hostOf(origin);
  return host !== null && (host === req.headers.get("host") || host === new URL(req.url).host);
}

export function crossSiteError(): ApiError {
  return new ApiError(
    403,
    "csrf",
    "Cross-site request refused: state-changing requests must come from Pairwise's own pages (same Origin) or carry an API token",
  );
}

/**
 * Whether a GET with a cookie may have effects: a browser that names where the request comes
 * from (`Sec-Fetch-Site`) must say it is our own page or the user themselves (a bookmark, the
 * address typed: "none"). A link or redirect on another site, or a same-site one (another port
 * of the same host), can only send such a GET as a navigation, which its page cannot read but
 * which would still act in the user's name.
 */
function navigatedHereByUser(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

/** Refuses a state-changing request from another site, or with a content type forms can send. */
export function checkCsrf(req: Request, opts: { upload?: boolean; recordsOnGet?: boolean } = {}): void {
  if (SAFE_METHODS.has(req.method)) {
    if (opts.recordsOnGet && !req.headers.has("authorization") && !navigatedHereByUser(req)) throw crossSiteError();
    return;
  }
  if (!req.headers.has("authorization") && !isSameOrigin(req)) throw crossSiteError();
  const type = mediaType(req);
  const allowed = opts.upload ? UPLOAD_TYPES : ["application/json"];
  if (type === "") {
    // A request without a body (pause a run, revoke a token) needs no content type.
    const length = req.headers.get("content-length");
    const hasBody = req.headers.has("transfer-encoding") || (length !== null && length !== "0");
    if (!hasBody && !opts.upload) return;
  } else if (allowed.includes(type)) return;
  throw new ApiError(
    415,
    "unsupported_media_type",
    `Send the request body as ${allowed.join(", ")} (Content-Type header)`,
  );
}
