"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { answerLength, MAX_ANSWER_CHARS, storedLength, tooLongMessage, type WriteTask } from "@/lib/writing/schemas";
import { GuidelinesDialog } from "@/components/annotation/guidelines-dialog";
import { isTypingTarget } from "@/components/annotation/typing-target";
import { PromptCard } from "@/components/annotation/prompt-card";
import { AnswerEditor } from "./answer-editor";
import { HoldNotice } from "./hold-notice";
import { useWriteHold } from "./use-write-hold";
import { WriteShortcutsDialog, WriteSkipDialog } from "./write-dialogs";

export interface WriteTaskViewProps {
  projectId: string;
  task: WriteTask;
  guidelines: string;
  minChars: number;
  busy: boolean;
  /** The answer kept in the tab for this assignment, from before a reload or signing in again. */
  initialText: string;
  /** Every change of the answer, to keep it in the tab until it is submitted. */
  onTextChange: (text: string) => void;
  onSubmit: (text: string, timeTakenMs: number) => void;
  /** The answer was not sent (too short, too long): what was said about the last one is old news. */
  onRefused: () => void;
  onSkip: (reason: string) => void;
}

type DialogName = "skip" | "guidelines" | "help";
const KEY_DIALOGS: Record<string, DialogName> = { s: "skip", g: "guidelines", "?": "help" };

/** One prompt and the answer being written to it (mounted per assignment: a fresh draft and clock). */
export function WriteTaskView({
  projectId,
  task,
  guidelines,
  minChars,
  busy,
  initialText,
  onTextChange,
  onSubmit,
  onRefused,
  onSkip,
}: WriteTaskViewProps) {
  const [text, setText] = useState(initialText);
  const [preview, setPreview] = useState(false);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [error, setError] = useState<string>();
  const [startedAt] = useState(() => Date.now());
  const hold = useWriteHold(projectId, task);
  const editor = useRef<HTMLTextAreaElement>(null);
  const root = useRef<HTMLDivElement>(null);

  const refuse = (message: string) => {
    setError(message);
    onRefused();
  };
  const send = () => {
    if (busy) return;
    if (answerLength(text) < minChars) return refuse(`Write at least ${minChars} characters`);
    if (storedLength(text) > MAX_ANSWER_CHARS) return refuse(tooLongMessage(storedLength(text)));
    setError(undefined);
    onSubmit(text, Math.max(0, Date.now() - startedAt));
  };

  // Page-wide keys; the listener is added once and reads the latest state through a ref.
  const latest = useRef({ send, dialog });
  useEffect(() => {
    latest.current = { send, dialog };
  });
  useEffect(() => {
    editor.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || latest.current.dialog) return;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        return latest.current.send();
      }
      if (e.key === "Escape" && isTypingTarget(e.target)) return root.current?.focus();
      if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (KEY_DIALOGS[key]) {
        e.preventDefault();
        setDialog(KEY_DIALOGS[key]);
      } else if (key === "p") {
        setPreview((p) => !p);
      } else if (key === "e") {
        e.preventDefault();
        setPreview(false);
        requestAnimationFrame(() => editor.current?.focus());
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div
      ref={root}
      tabIndex={-1}
      // Esc in the editor brings focus here: the ring shows where it went.
      className="space-y-4 rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-4 focus-visible:ring-offset-slate-50"
    >
      <PromptCard prompt={task.prompt} />
      <HoldNotice
        state={hold.state}
        deadline={hold.deadline}
        lost={hold.lost}
        keeping={hold.keeping}
        onKeep={hold.keep}
      />
      <AnswerEditor
        ref={editor}
        value={text}
        onChange={(t) => {
          setText(t);
          onTextChange(t);
          hold.typed();
        }}
        preview={preview}
        onPreviewChange={setPreview}
        minChars={minChars}
        error={error}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={send} disabled={busy}>
          Submit answer <kbd className="ml-1 text-xs opacity-80">Ctrl+Enter</kbd>
        </Button>
        <Button variant="secondary" onClick={() => setDialog("skip")} disabled={busy}>
          Skip <kbd className="ml-1 text-xs text-slate-500">S</kbd>
        </Button>
        <Button variant="ghost" onClick={() => setDialog("guidelines")}>
          Guidelines <kbd className="ml-1 text-xs text-slate-500">G</kbd>
        </Button>
        <Button variant="ghost" onClick={() => setDialog("help")}>
          Shortcuts <kbd className="ml-1 text-xs text-slate-500">?</kbd>
        </Button>
      </div>
      {dialog === "guidelines" && <GuidelinesDialog guidelines={guidelines} onClose={() => setDialog(null)} />}
      {dialog === "help" && <WriteShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === "skip" && (
        <WriteSkipDialog
          draft={text.trim() !== ""}
          onClose={() => setDialog(null)}
          onSkip={(reason) => {
            setDialog(null);
            onSkip(reason);
          }}
        />
      )}
    </div>
  );
}
