import { NextResponse, type NextRequest } from "next/server";

// Runs before every page and API request: a fresh CSP nonce (Next.js puts it on its own inline
// scripts, so nothing else may run inline), and the requested path for sign-in redirects.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  headers.set("x-pairwise-path", request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// API routes bypass the proxy: for a request it runs on, Next.js reads the body into memory
// before the route runs (cutting it off past proxyClientMaxBodySize: 1 KB here, as pages take no
// body; 10 MB by default), so an upload would be stored cut short. API answers need neither the nonce nor the path; their own
// Content-Security-Policy is a fixed one, set in next.config.js.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/).*)" }],
};
