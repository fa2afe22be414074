import { memo } from "react";

/** The prompt a pair or a writing task answers, with its system prompt folded away. */
export interface PromptCardPrompt {
  text: string;
  system?: string | null;
}

// CRLF (or a lone CR) is one line break. The browser's parser folds it when the page is rendered
// on the server, but not in text React sets later (the next pair), where CR shows as a space.
const withLineBreaks = (text: string) => text.replace(/\r\n?/g, "\n");

/**
 * The prompt (and system prompt) exactly as the model received it, as on the pair page: not
 * rendered as markdown, which would join its lines and turn `*stars*` or `# signs` the annotator
 * must judge format-following against into formatting.
 */
export const PromptCard = memo(function PromptCard({ prompt }: { prompt: PromptCardPrompt }) {
  return (
    <section aria-label="Prompt" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      {prompt.system && (
        <details className="mb-2 text-sm text-slate-600">
          <summary className="cursor-pointer font-medium">System prompt</summary>
          <p
            dir="auto"
            className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words"
            data-testid="annotate-system"
          >
            {withLineBreaks(prompt.system)}
          </p>
        </details>
      )}
      {/* Focus lands here when a new pair is shown after a vote, so reading starts at its prompt. */}
      <h2
        tabIndex={-1}
        data-prompt-heading=""
        className="rounded-sm text-xs font-medium uppercase tracking-wide text-slate-500 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-600"
      >
        Prompt
      </h2>
      <p
        dir="auto"
        tabIndex={0}
        className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words text-sm leading-6 text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        data-testid="annotate-prompt"
      >
        {withLineBreaks(prompt.text)}
      </p>
    </section>
  );
});
