"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInWithPassword } from "@/lib/auth/client";

export interface LoginFormProps {
  callbackUrl: string;
}

type Missing = { email?: string; password?: string };

export function LoginForm({ callbackUrl }: LoginFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Missing>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    // An empty field is caught here and named next to itself, rather than sent and answered with
    // the server's deliberately vague "wrong email or password".
    const empty: Missing = {
      ...(email.trim() ? {} : { email: "Enter your email." }),
      ...(password ? {} : { password: "Enter your password." }),
    };
    setMissing(empty);
    if (empty.email || empty.password) {
      setError(null);
      formEl.querySelector<HTMLInputElement>(`[name="${empty.email ? "email" : "password"}"]`)?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signInWithPassword(email, password, callbackUrl);
      if (result.ok) {
        // A full load, so every server component sees the new session cookie. Checked again
        // here, where the navigation happens.
        window.location.assign(safeCallbackPath(callbackUrl, window.location.origin));
        return;
      }
      setError(result.message);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Sign in" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus error={missing.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={missing.password}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
