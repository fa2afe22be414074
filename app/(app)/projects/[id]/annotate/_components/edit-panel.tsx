import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { Draft } from "./draft-state";
import type { Side } from "./types";

const letter = (s: Side) => (s === "LEFT" ? "A" : "B");

export interface EditPanelProps {
  draft: Draft;
  /** Changes whenever E asks for the box again, to bring focus back to it. */
  focusToken: number;
  onPickSide: (side: Side) => void;
  onText: (text: string) => void;
  onDiscard: () => void;
  onCancelAsk: () => void;
}

export function EditPanel({ draft, focusToken, onPickSide, onText, onDiscard, onCancelAsk }: EditPanelProps) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusToken) box.current?.focus();
  }, [focusToken]);

  if (draft.askingEditSide) {
    return (
      <div
        role="group"
        aria-label="Edit which answer?"
        className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
      >
        <span>Which answer do you prefer and want to improve? Press A or B (Esc cancels).</span>
        <Button variant="secondary" onClick={() => onPickSide("LEFT")}>
          Edit A
        </Button>
        <Button variant="secondary" onClick={() => onPickSide("RIGHT")}>
          Edit B
        </Button>
        <Button variant="ghost" onClick={onCancelAsk}>
          Cancel
        </Button>
      </div>
    );
  }
  if (!draft.edit) return null;
  const side = letter(draft.edit.side);
  const applies = draft.choice === draft.edit.side;
  return (
    <div className="rounded-md border border-slate-200 bg-white p-3">
      <label htmlFor="improved-answer" className="mb-1 block text-sm font-medium text-slate-700">
        Your improved version of answer {side}
      </label>
      <p id="improved-answer-hint" className="mb-1 text-xs text-slate-500">
        {applies
          ? `Sent with your vote as the better answer. Esc leaves the box; Ctrl+Enter submits.`
          : `Not sent: you no longer prefer ${side}. Choose ${side} again to keep this edit.`}
      </p>
      <textarea
        id="improved-answer"
        ref={box}
        dir="auto"
        aria-describedby="improved-answer-hint"
        rows={8}
        maxLength={100_000}
        value={draft.edit.text}
        onChange={(e) => onText(e.target.value)}
        className="block w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      />
      <Button variant="ghost" className="mt-2" onClick={onDiscard}>
        Discard edit
      </Button>
    </div>
  );
}
