// Where to go after signing in. Only a path of this site: an open redirect from our sign-in page
// would lend our name to phishing. Browsers read `/\evil.example` as `//evil.example`, and drop
// tabs and newlines from URLs (`/%09/evil.example`), so those are refused before parsing, and the
// parsed URL must still be on our origin. Shared by the sign-in page, its form and next-auth.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\\u0000-\u0020\u007f]/;

/** `url` as a same-origin path (path, query and hash), or "/" when it is anything else. */
export function safeCallbackPath(url: string | null | undefined, origin: string): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || UNSAFE.test(url)) return "/";
  try {
    const parsed = new URL(url, origin);
    if (parsed.origin !== new URL(origin).origin) return "/";
    // Resolving dot segments can make a path that starts with "//" (`/a/..//evil.example`),
    // which a browser reads as another host.
    if (parsed.pathname.startsWith("//")) return "/";
    return parsed.pathname + parsed.search + parsed.hash;
  } catch {
    return "/";
  }
}
