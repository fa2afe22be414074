import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { verifyPassword } from "@/lib/users/password";
import { signInSchema } from "@/lib/users/schemas";
import { clientIp } from "./client-ip";
import { clearFailures, recordFailure, signInKeys } from "./rate-limit";

/** Error codes the sign-in page knows how to explain. */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", deactivated: "AccountDeactivated" } as const;

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

async function authorize(credentials: Record<string, string> | undefined, headers: Record<string, unknown>) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = signInKeys(email, clientIp(headers as Record<string, string>)).map((k) => k.key);
  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(keys);
    return null;
  }
  if (!user.active) throw new Error(SIGN_IN_ERRORS.deactivated);
  await clearFailures([keys[0]!]);
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
        authorize: (credentials, req) => authorize(credentials, req?.headers ?? {}),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub!,
          email: token.email ?? "",
          name: token.name ?? null,
          role: token.role,
          sv: token.sv,
        };
        return session;
      },
    },
  };
}
