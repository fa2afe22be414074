"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { signInAgainHref, useSessionEndReason } from "@/lib/api/session-ended";

export interface SessionEndedAlertProps {
  /** What the ended session means for the work on this page. */
  children: ReactNode;
}

/**
 * The session has ended: what that did to the page's work, and a way back to this page signed in.
 * A deactivated account cannot sign in again, so it is told that, and whom to ask, instead.
 */
export function SessionEndedAlert({ children }: SessionEndedAlertProps) {
  const path = usePathname();
  if (useSessionEndReason() === "deactivated") {
    return (
      <Alert tone="error">
        <p>
          This account has been deactivated, so nothing more can be saved from this page. Ask an admin to reactivate it.
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="error">
      <p>{children}</p>
      {/* A plain link: the sign-in page and the load after it must both be full page loads. */}
      <a href={signInAgainHref(path)} className="mt-1 inline-block font-medium underline">
        Sign in again
      </a>
    </Alert>
  );
}
