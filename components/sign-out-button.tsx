"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/auth/client";
import { forgetPersonValues, tabStorage } from "@/lib/browser/tab-storage";

export interface SignOutButtonProps {
  userId: string;
}

export function SignOutButton({ userId }: SignOutButtonProps) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut();
        // Whoever signs in to this tab next must not be shown the answers this person left unsubmitted.
        forgetPersonValues(tabStorage(), "kept-answers", userId);
        window.location.assign("/login");
      }}
    >
      Sign out
    </Button>
  );
}
