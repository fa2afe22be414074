import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { crossSiteError, isSameOrigin } from "@/lib/api/csrf";
import { ApiError, errorBody } from "@/lib/api/errors";
import { limitedBody } from "@/lib/api/upload";
import { getAuthOptions } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { AUTH_BODY_MAX_BYTES } from "@/lib/auth/sign-in-body";
import { watchSignIn } from "@/lib/auth/sign-in-refusal";

// next-auth owns these routes (sign-in/out, session), so they are the one place that does not go
// through lib/api/handler. next-auth checks its own CSRF token on POST; the Origin check here
// also refuses sign-in and sign-out forms posted from other sites (login CSRF). The sign-in limit
// is enforced in the credentials provider; a sign-in it refused is answered here with 429 and
// Retry-After instead of next-auth's generic error, and one the database could not check with 503.
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

const nextAuth = (req: Request, ctx: Ctx): Promise<Response> => NextAuth(req as never, ctx, getAuthOptions());

export async function GET(req: Request, ctx: Ctx) {
  // next-auth answers the session from the cookie alone (and renews it): a signed-out, reset,
  // demoted or deactivated session would still be described, with its user. Every other route
  // checks the database (getCurrentUser); the session answer does too, and is empty, as for no
  // cookie, when the session no longer counts.
  const { nextauth } = await ctx.params;
  const path = nextauth.join("/");
  if (path === "session" && !(await getCurrentUser())) return NextResponse.json({});
  // Credentials are only ever posted: next-auth answers a GET of their callback with a 500 that
  // spells its own error.
  if (path === "callback/credentials") {
    return NextResponse.json(errorBody("method_not_allowed", "Sign in by POST to this address"), {
      status: 405,
      headers: { Allow: "POST" },
    });
  }
  return withoutErrorText(await nextAuth(req, ctx));
}

/** A 500 of next-auth's becomes ours: the cause goes to the server log, never to the caller. */
async function withoutErrorText(res: Response): Promise<Response> {
  if (res.status < 500) return res;
  console.error("[auth] next-auth answered", res.status, (await res.text()).slice(0, 500));
  return NextResponse.json(errorBody("internal", "Something went wrong on the server"), { status: 500 });
}

export async function POST(request: Request, ctx: Ctx) {
  if (!isSameOrigin(request)) {
    const err = crossSiteError();
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status });
  }
  const req = await boundedAuthBody(request);
  if (req instanceof Response) return req;
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return withoutErrorText(await nextAuth(req, ctx));
  const { result, retryAfterSeconds: wait, databaseUnavailable } = await watchSignIn(() => nextAuth(req, ctx));
  if (databaseUnavailable) {
    // As every API route answers while the database is down, with nothing of its address.
    return NextResponse.json(
      errorBody("database_unavailable", "The database cannot be reached right now; try again in a moment"),
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  if (wait === 0) return result;
  return NextResponse.json(errorBody("rate_limited", `Too many sign-in attempts. Try again in ${waitText(wait)}.`), {
    status: 429,
    headers: { "Retry-After": String(wait) },
  });
}

const waitText = (seconds: number) =>
  seconds < 60
    ? `${seconds} second${seconds === 1 ? "" : "s"}`
    : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
