import { memo } from "react";
import { Markdown } from "@/components/markdown";

/** The prompt a pair or a writing task answers, with its system prompt folded away. */
export interface PromptCardPrompt {
  text: string;
  system?: string | null;
}

export const PromptCard = memo(function PromptCard({ prompt }: { prompt: PromptCardPrompt }) {
  return (
    <section aria-label="Prompt" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      {prompt.system && (
        <details className="mb-2 text-sm text-slate-600">
          <summary className="cursor-pointer font-medium">System prompt</summary>
          <p className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap" data-testid="annotate-system">
            {prompt.system}
          </p>
        </details>
      )}
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">Prompt</h2>
      {/* Rendered like the answers: a prompt with code or a list reads as its author wrote it. */}
      <div
        tabIndex={0}
        className="mt-1 max-h-48 overflow-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
        data-testid="annotate-prompt"
      >
        <Markdown source={prompt.text} headingOffset={2} />
      </div>
    </section>
  );
});
