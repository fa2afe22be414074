import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { KeptAnswer } from "./kept-answers";

export interface KeptAnswerNoticeProps {
  answer: KeptAnswer;
  onDiscard: () => void;
}

/** An answer kept in the tab whose prompt is no longer this writer's: shown, never dropped unasked. */
export function KeptAnswerNotice({ answer, onDiscard }: KeptAnswerNoticeProps) {
  const excerpt = answer.prompt.length > 80 ? `${answer.prompt.slice(0, 80)}…` : answer.prompt;
  return (
    <section
      aria-label="Answer not submitted"
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p>
        Your answer to “{excerpt}” was not submitted, and that prompt is no longer yours to answer. Its text is kept
        here until you discard it:
      </p>
      <textarea
        readOnly
        aria-label="Answer not submitted"
        value={answer.text}
        className="block h-24 w-full rounded border border-amber-200 bg-white px-2 py-1 font-mono text-xs"
      />
      <div className="flex items-center gap-2">
        <CopyButton text={answer.text} label="Copy the answer not submitted" />
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={onDiscard}>
          Discard
        </Button>
      </div>
    </section>
  );
}
