"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ShortcutsDialog } from "@/components/ui/shortcuts-dialog";

const SHORTCUTS: [string, string][] = [
  ["Ctrl+Enter / ⌘+Enter", "Submit the answer, also from the editor"],
  ["Tab / Shift+Tab", "Indent, or take an indent back, in the editor"],
  ["Esc", "Leave the editor (then Tab and the keys below work), close a dialog"],
  ["E", "Back to the editor"],
  ["P", "Show or hide the preview"],
  ["S", "Skip this prompt with a reason"],
  ["G", "Guidelines"],
  ["?", "This list"],
];

export function WriteShortcutsDialog({ onClose }: { onClose: () => void }) {
  return <ShortcutsDialog shortcuts={SHORTCUTS} onClose={onClose} />;
}

export interface WriteSkipDialogProps {
  /** Whether an answer was begun: it is kept, and the dialog says so. */
  draft: boolean;
  onSkip: (reason: string) => void;
  onClose: () => void;
}

export function WriteSkipDialog({ draft, onSkip, onClose }: WriteSkipDialogProps) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError("Say why you skip this prompt");
    onSkip(reason.trim().slice(0, 500));
  };
  return (
    <Dialog title="Skip this prompt" onClose={onClose}>
      <form aria-label="Skip this prompt" onSubmit={submit} className="space-y-4">
        <Field
          label="Reason"
          value={reason}
          maxLength={500}
          data-autofocus=""
          onChange={(e) => setReason(e.target.value)}
          error={error}
        />
        <p className="text-sm text-slate-600">
          The prompt goes to someone else; you will not see it again.
          {draft && " The text you wrote is not submitted: it stays above the editor, to copy or discard."}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Skip prompt</Button>
        </div>
      </form>
    </Dialog>
  );
}
