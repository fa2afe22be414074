import { memo } from "react";
import { Markdown } from "@/components/markdown";
import { cn } from "@/lib/cn";
import type { DiffSegment } from "@/lib/pairs/word-diff";

export interface AnswerColumnProps {
  label: "A" | "B";
  text: string;
  /** Diff view: the answer as plain text, with what only this side has highlighted. */
  diff?: DiffSegment[] | null;
  selected: boolean;
}

// Spaces, line breaks and characters that print nothing (zero-width, soft hyphen, BOM, other format characters).
const isBlank = (text: string) => text.replace(/[\s\p{Cf}]/gu, "") === "";

// Memoised: typing a rationale re-renders the page, and re-parsing two long answers per key is waste.
export const AnswerColumn = memo(function AnswerColumn({ label, text, diff, selected }: AnswerColumnProps) {
  const mark = label === "A" ? "bg-rose-100 text-rose-900 decoration-rose-400" : "bg-emerald-100 text-emerald-900";
  // A is always shown first (left), B second: the name says which column is which.
  const side = label === "A" ? "left" : "right";
  const name = `Answer ${label}, ${side}`;
  return (
    <article
      aria-label={name}
      className={cn(
        "flex min-w-0 flex-col rounded-lg border bg-white",
        selected ? "border-indigo-500 ring-2 ring-indigo-200" : "border-slate-200",
      )}
    >
      <h2 className="flex items-center gap-2 border-b border-slate-100 px-4 py-2 text-sm font-semibold">
        {/* The letter badge repeats the heading's text: hidden, so "A" is read once. */}
        <span aria-hidden className="inline-flex size-6 items-center justify-center rounded bg-slate-900 text-white">
          {label}
        </span>
        <span>
          Answer {label}
          <span className="sr-only">, {side}</span>
        </span>
        {selected && <span className="ml-auto text-xs font-medium text-indigo-700">preferred</span>}
      </h2>
      {/* Focusable so a keyboard user can scroll a long answer with the arrow keys. */}
      <div
        tabIndex={0}
        role="group"
        aria-label={name}
        data-testid={`answer-${label}`}
        className="max-h-[max(16rem,50vh)] overflow-auto px-4 py-3 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {isBlank(text) && (
          <p className="mb-2 text-sm text-slate-500 italic" data-testid={`blank-${label}`}>
            (this answer is blank: only spaces or invisible characters)
          </p>
        )}
        {diff === undefined ? (
          <Markdown source={text} headingOffset={3} breaks />
        ) : diff === null ? (
          <>
            <p className="mb-2 text-xs text-slate-500">These answers differ too much to highlight word by word.</p>
            <p dir="auto" className="whitespace-pre-wrap text-sm leading-6">
              {text}
            </p>
          </>
        ) : (
          <p dir="auto" className="whitespace-pre-wrap text-sm leading-6" data-testid={`diff-${label}`}>
            {diff.map((s, i) =>
              s.changed ? (
                label === "A" ? (
                  <del key={i} className={cn("rounded-sm", mark)}>
                    {s.text}
                  </del>
                ) : (
                  <ins key={i} className={cn("rounded-sm no-underline", mark)}>
                    {s.text}
                  </ins>
                )
              ) : (
                s.text
              ),
            )}
          </p>
        )}
      </div>
    </article>
  );
});
