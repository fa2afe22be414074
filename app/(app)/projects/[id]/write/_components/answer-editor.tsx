"use client";

import { forwardRef, type KeyboardEvent } from "react";
import { Markdown } from "@/components/markdown";
import { cn } from "@/lib/cn";
import { answerLength, MAX_ANSWER_CHARS, storedLength } from "@/lib/writing/schemas";

export interface AnswerEditorProps {
  value: string;
  onChange: (value: string) => void;
  preview: boolean;
  onPreviewChange: (preview: boolean) => void;
  minChars: number;
  error?: string;
}

/**
 * Tab indents in the editor, as in any code editor: letting it move focus left the letters typed
 * next to the page's shortcuts (S opened Skip and Enter skipped the prompt). Esc, then Tab,
 * leaves the editor, which its help text says (WCAG 2.1.2 allows a key trap the user is told of).
 */
function onTab(e: KeyboardEvent<HTMLTextAreaElement>, onChange: (value: string) => void) {
  if (e.key !== "Tab" || e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return;
  e.preventDefault();
  const t = e.currentTarget;
  if (!e.shiftKey) t.setRangeText("\t", t.selectionStart, t.selectionEnd, "end");
  else {
    // One indent off the start of the caret's line, when it has one.
    const lineStart = t.value.lastIndexOf("\n", t.selectionStart - 1) + 1;
    const indent = /^(\t| {1,4})/.exec(t.value.slice(lineStart))?.[0];
    if (!indent) return;
    t.setRangeText("", lineStart, lineStart + indent.length, "preserve");
  }
  // The text changed in place, caret kept; React then finds the value it is given already there.
  onChange(t.value);
}

/** A markdown editor: the text as typed, a preview rendered like answers are shown, and the length against the minimum. */
export const AnswerEditor = forwardRef<HTMLTextAreaElement, AnswerEditorProps>(function AnswerEditor(
  { value, onChange, preview, onPreviewChange, minChars, error },
  ref,
) {
  const length = answerLength(value);
  const short = length < minChars;
  // Past the maximum, the count the maximum is checked against (spaces at the ends included).
  const stored = storedLength(value);
  const over = stored > MAX_ANSWER_CHARS;
  return (
    <section aria-label="Your answer" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <div role="group" aria-label="Editor view" className="flex gap-1 text-sm">
          {[false, true].map((p) => (
            <button
              key={String(p)}
              type="button"
              aria-pressed={preview === p}
              onClick={() => onPreviewChange(p)}
              className={cn(
                "rounded px-2 py-1 focus-visible:outline-2 focus-visible:outline-indigo-600",
                preview === p ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-600 hover:text-slate-900",
              )}
            >
              {p ? "Preview" : "Write"}
            </button>
          ))}
        </div>
        <p
          className={cn(
            "text-sm tabular-nums",
            over ? "font-medium text-red-700" : short ? "text-amber-800" : "text-slate-600",
          )}
          data-testid="write-count"
        >
          {over
            ? `${stored.toLocaleString("en")} / ${MAX_ANSWER_CHARS.toLocaleString("en")} characters maximum: too long`
            : `${length.toLocaleString("en")} / ${minChars.toLocaleString("en")} characters minimum`}
        </p>
      </div>
      {preview ? (
        <div className="min-h-64 px-4 py-3" data-testid="write-preview">
          {/* As annotators will see it: answers break lines at single newlines. */}
          {value.trim() ? (
            <Markdown source={value} headingOffset={2} breaks />
          ) : (
            <p className="text-slate-500">Nothing to preview yet.</p>
          )}
        </div>
      ) : (
        <textarea
          ref={ref}
          dir="auto"
          aria-label="Answer (markdown)"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "write-help write-error" : "write-help"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => onTab(e, onChange)}
          spellCheck
          className="block min-h-64 w-full resize-y rounded-b-lg px-4 py-3 font-mono text-sm focus:outline-2 focus:outline-indigo-600"
          placeholder="Write the answer you would want a model to give. Markdown works: **bold**, lists, `code`."
        />
      )}
      {!preview && (
        <p id="write-help" className="px-3 pt-1 pb-2 text-xs text-slate-600">
          Tab indents, Shift+Tab takes an indent back. To leave the editor, press Esc, then Tab.
        </p>
      )}
      {error && (
        <p id="write-error" role="alert" className="px-3 pb-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
});
