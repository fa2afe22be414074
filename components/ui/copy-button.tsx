"use client";

import { useState } from "react";
import { Button } from "./button";

export interface CopyButtonProps {
  text: string;
  /** What is copied, for screen readers: "Copy the curl command". */
  label: string;
}

/**
 * Copies `text` to the clipboard and says so. Where the browser refuses (a page served over
 * plain HTTP from another machine has no clipboard API), it says to select and copy by hand.
 */
export function CopyButton({ text, label }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => void copy()} aria-label={label}>
        Copy
      </Button>
      <span role="status" className="text-xs text-slate-500">
        {state === "copied"
          ? "Copied"
          : state === "failed"
            ? "Copying is blocked here: select the text and copy it"
            : ""}
      </span>
    </span>
  );
}
