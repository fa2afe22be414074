import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { errorBody } from "@/lib/api/errors";
import { clientIp } from "@/lib/auth/client-ip";
import { getAuthOptions } from "@/lib/auth/options";
import { retryAfterSeconds, signInKeys } from "@/lib/auth/rate-limit";

// next-auth owns these routes (CSRF, session, sign-in/out), so they are the one place that does
// not go through lib/api/handler; the credentials sign-in is throttled here before it runs.
type Ctx = { params: Promise<{ nextauth: string[] }> };

const nextAuth = (req: Request, ctx: Ctx) => NextAuth(req as never, ctx, getAuthOptions());

export const GET = nextAuth;

export async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "");
    const wait = await retryAfterSeconds(signInKeys(email, clientIp(req.headers)));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      return NextResponse.json(
        errorBody("rate_limited", `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`),
        { status: 429, headers: { "Retry-After": String(wait) } },
      );
    }
  }
  return nextAuth(req, ctx);
}
