import type { AnnotationItem } from "./types";

export interface SourcePassageProps {
  source: NonNullable<AnnotationItem["source"]>;
}

/**
 * What the author wrote, for a pair from a document. Titled after the prompt, never after a side:
 * one answer is an extract of it, and saying which would decide the vote for the annotator.
 */
export function SourcePassage({ source }: SourcePassageProps) {
  return (
    <section
      aria-label="Source passage for this prompt"
      className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3"
      data-testid="annotate-source"
    >
      <h2 className="text-xs font-medium uppercase tracking-wide text-amber-800">Source passage for this prompt</h2>
      <p className="mt-0.5 text-sm text-slate-600">
        From <cite className="font-medium not-italic">{source.documentTitle}</cite>
      </p>
      {/* Plain text, whitespace kept: the passage is shown exactly as stored. */}
      <p dir="auto" tabIndex={0} className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap text-sm text-slate-800">
        {source.text}
      </p>
    </section>
  );
}
