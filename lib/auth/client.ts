// Browser-side sign-in and sign-out against next-auth's own endpoints. next-auth/react's helpers
// build absolute URLs from NEXTAUTH_URL at build time, which breaks when PORT changes.

export type SignInResult =
  | { ok: true }
  | { ok: false; reason: "invalid" | "deactivated" | "rate_limited" | "unavailable" | "unknown"; message: string };

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { cache: "no-store" });
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

export async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<SignInResult> {
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, callbackUrl, csrfToken: await csrfToken(), json: "true" }),
  });
  const data = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
  if (res.status === 429) {
    return {
      ok: false,
      reason: "rate_limited",
      message: data.error?.message ?? "Too many sign-in attempts. Try again later.",
    };
  }
  if (res.status === 503) {
    return {
      ok: false,
      reason: "unavailable",
      message: "Pairwise cannot reach its database right now, so nobody can sign in. Try again in a moment.",
    };
  }
  const error = data.url ? new URL(data.url, window.location.origin).searchParams.get("error") : "unknown";
  if (!error && res.ok) return { ok: true };
  if (error === "AccountDeactivated") {
    return {
      ok: false,
      reason: "deactivated",
      message: "This account has been deactivated. Ask an admin to reactivate it.",
    };
  }
  if (error === "RateLimited") {
    return { ok: false, reason: "rate_limited", message: "Too many sign-in attempts. Try again later." };
  }
  if (error === "CredentialsSignin") return { ok: false, reason: "invalid", message: "Wrong email or password." };
  return { ok: false, reason: "unknown", message: "Sign-in failed. Try again." };
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: await csrfToken(), json: "true" }),
  });
}
