import "server-only";

/**
 * The email of a credentials sign-in, read from a copy of the body exactly as next-auth reads it
 * (next-auth/next/utils getBody: JSON when the content type mentions application/json, else
 * URL-encoded form), so the early limit check sees the same email next-auth will try.
 */
export async function signInEmail(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const copy = req.clone();
  try {
    if (type.includes("application/json")) {
      const body = (await copy.json()) as { email?: unknown } | null;
      return typeof body?.email === "string" ? body.email : "";
    }
    if (type.includes("application/x-www-form-urlencoded")) {
      return new URLSearchParams(await copy.text()).get("email") ?? "";
    }
  } catch {
    // An unreadable body: next-auth finds no credentials in it either.
  }
  return "";
}

/**
 * The largest body a sign-in or sign-out form may have. The biggest real one (an email of 254
 * characters and a password of 200, each URL-encoded, the CSRF token and a callback path) is
 * about 3 KB; next-auth would read a body of any size into memory, before anyone is signed in.
 */
export const AUTH_BODY_MAX_BYTES = 8 * 1024;
