import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/session";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

const searchSchema = z.object({ callbackUrl: z.string().optional() });

// Any origin serves to check that the path stays on it.
const SOME_ORIGIN = "http://pairwise.invalid";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { callbackUrl } = searchSchema.parse(await searchParams);
  const target = safeCallbackPath(callbackUrl, SOME_ORIGIN);
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold">Sign in to Pairwise</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Preference data, reviewed by people.</p>
      <LoginForm callbackUrl={target} />
    </main>
  );
}
