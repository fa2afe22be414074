import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { crossSiteError, isSameOrigin } from "@/lib/api/csrf";
import { errorBody } from "@/lib/api/errors";
import { clientIp } from "@/lib/auth/client-ip";
import { getAuthOptions } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { retryAfterSeconds, signInKeys } from "@/lib/auth/rate-limit";
import { signInEmail } from "@/lib/auth/sign-in-body";

// next-auth owns these routes (sign-in/out, session), so they are the one place that does not go
// through lib/api/handler. next-auth checks its own CSRF token on POST; the Origin check here
// also refuses sign-in and sign-out forms posted from other sites (login CSRF). The sign-in limit
// itself is enforced in the credentials provider; this early check only answers 429 with
// Retry-After instead of next-auth's generic error.
type Ctx = { params: Promise<{ nextauth: string[] }> };

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

export async function POST(req: Request, ctx: Ctx) {
  if (!isSameOrigin(req)) {
    const err = crossSiteError();
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status });
  }
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
