import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { randomBytes } from "node:crypto";
import { databaseUnreachable } from "@/lib/database-errors";
import { db } from "@/lib/db";
import { errorLine } from "@/lib/error-line";
import { getServerEnv } from "@/lib/env";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/users/password";
import { signInSchema } from "@/lib/users/schemas";
import { safeCallbackPath } from "./callback-url";
import { clientIp } from "./client-ip";
import { endSession } from "./ended-sessions";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";
import { attemptFailed, attemptSucceeded, signInKeys, takeAttempt } from "./rate-limit";
import { refuseSignIn, refuseSignInUnavailable } from "./sign-in-refusal";

/** Error codes the sign-in page knows how to explain. */
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  deactivated: "AccountDeactivated",
  rateLimited: "RateLimited",
  unavailable: "ServiceUnavailable",
  failed: "SignInFailed",
} as const;
const KNOWN_ERRORS = new Set<string>(Object.values(SIGN_IN_ERRORS));

/**
 * next-auth puts the message of any error the check throws into the address it answers with, for
 * anyone who tries to sign in: only our own codes go there. A database that cannot be reached is
 * answered 503 by the route (refuseSignInUnavailable); anything else is logged and said generically.
 */
async function checkedAuthorize(credentials: Record<string, string> | undefined, headers: Record<string, unknown>) {
  try {
    return await authorize(credentials, headers);
  } catch (err) {
    if (err instanceof Error && KNOWN_ERRORS.has(err.message)) throw err;
    if (databaseUnreachable(err)) {
      console.error(`[auth] sign-in: the database cannot be reached: ${errorLine(err)}`);
      refuseSignInUnavailable();
      throw new Error(SIGN_IN_ERRORS.unavailable);
    }
    console.error("[auth] sign-in failed:", err);
    throw new Error(SIGN_IN_ERRORS.failed);
  }
}

/**
 * A hash of no one's password, checked when the email has no account, so that answering for an
 * unknown email takes as long as for a known one (the time would tell which accounts exist).
 */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(generatePassword()));

async function authorize(credentials: Record<string, string> | undefined, headers: Record<string, unknown>) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const limits = signInKeys(email, clientIp(headers as Record<string, string>));
  // The limit is enforced here, where next-auth has already read the credentials from whatever
  // body encoding it accepts; the route turns a refusal into 429 with Retry-After. The attempt
  // holds a place before the password is checked: parallel attempts each take one.
  const wait = await takeAttempt(limits);
  if (wait > 0) {
    refuseSignIn(wait);
    throw new Error(SIGN_IN_ERRORS.rateLimited);
  }
  const [emailKey, ...otherKeys] = limits.map((k) => k.key) as [string, ...string[]];
  let right = false;
  let user;
  try {
    user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
    right = await verifyPassword(user?.passwordHash ?? (await decoy()), password);
  } finally {
    // A check that failed half-way counts as a wrong password, as an attempt that was never
    // settled would.
    if (user && right) await attemptSucceeded(emailKey, otherKeys);
    else await attemptFailed([emailKey, ...otherKeys]);
  }
  if (!user || !right) return null;
  if (!user.active) throw new Error(SIGN_IN_ERRORS.deactivated);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getServerEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => checkedAuthorize(credentials, req?.headers ?? {}),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
          // This sign-in's own id, so that signing out can end exactly this session.
          token.sid = randomBytes(16).toString("base64url");
          token.signedInAt = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      redirect({ url, baseUrl }) {
        // next-auth passes absolute URLs of our own origin too; anything else becomes "/".
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return baseUrl + safeCallbackPath(path, baseUrl);
      },
      session({ session, token }) {
        session.user = {
          id: token.sub!,
          email: token.email ?? "",
          name: token.name ?? null,
          role: token.role,
          sv: token.sv,
          sid: token.sid,
          signedInAt: token.signedInAt,
        };
        return session;
      },
    },
    events: {
      // The cookie is deleted by next-auth, but a copy of it (stolen, or in another tab's
      // request) would stay valid until it expires: record the session as ended.
      async signOut({ token }) {
        if (token?.sid && token.sub) await endSession(token.sid, token.sub, token.signedInAt);
      },
    },
  };
}
