import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { crossSiteError, isSameOrigin } from "@/lib/api/csrf";
import { ApiError, errorBody } from "@/lib/api/errors";
import { limitedBody } from "@/lib/api/upload";
import { clientIp } from "@/lib/auth/client-ip";
import { getAuthOptions } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { retryAfterSeconds, signInKeys } from "@/lib/auth/rate-limit";
import { AUTH_BODY_MAX_BYTES, signInEmail } from "@/lib/auth/sign-in-body";

// next-auth owns these routes (sign-in/out, session), so they are the one place that does not go
// through lib/api/handler. next-auth checks its own CSRF token on POST; the Origin check here
// also refuses sign-in and sign-out forms posted from other sites (login CSRF). The sign-in limit
// itself is enforced in the credentials provider; this early check only answers 429 with
// Retry-After instead of next-auth's generic error.
type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * The body read as it arrives, 413 past AUTH_BODY_MAX_BYTES, and handed on as a request of its
 * own: next-auth and the throttle's email check then read this copy, never the connection.
 */
async function boundedAuthBody(req: Request): Promise<NextRequest | Response> {
  const parts: Uint8Array[] = [];
  try {
    for await (const part of limitedBody(req, AUTH_BODY_MAX_BYTES)) parts.push(part);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // The rest of the body is not read: the connection is dropped after this answer.
    return NextResponse.json(errorBody(err.code, err.message), {
      status: err.status,
      headers: { Connection: "close" },
    });
  }
  return new NextRequest(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body ? Buffer.concat(parts) : undefined,
  });
}

const nextAuth = (req: Request, ctx: Ctx) => NextAuth(req as never, ctx, getAuthOptions());

export async function GET(req: Request, ctx: Ctx) {
  // next-auth answers the session from the cookie alone (and renews it): a signed-out, reset,
  // demoted or deactivated session would still be described, with its user. Every other route
  // checks the database (getCurrentUser); the session answer does too, and is empty, as for no
  // cookie, when the session no longer counts.
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "session" && !(await getCurrentUser())) return NextResponse.json({});
  return nextAuth(req, ctx);
}

export async function POST(request: Request, ctx: Ctx) {
  if (!isSameOrigin(request)) {
    const err = crossSiteError();
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status });
  }
  const req = await boundedAuthBody(request);
  if (req instanceof Response) return req;
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const wait = await retryAfterSeconds(signInKeys(await signInEmail(req), clientIp(req.headers)));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      return NextResponse.json(
        errorBody(
          "rate_limited",
          `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        ),
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  return nextAuth(req, ctx);
}
