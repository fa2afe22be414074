import { sideBySideDiff, type DiffSegment } from "@/lib/pairs/word-diff";

export interface PairEditsProps {
  edits: { id: string; annotator: string; choice: string; original: string; edited: string }[];
}

function Segments({ segments, kind }: { segments: DiffSegment[]; kind: "del" | "ins" }) {
  return segments.map((s, i) =>
    !s.changed ? (
      s.text
    ) : kind === "del" ? (
      <del key={i} className="rounded-sm bg-red-100 text-red-900">
        {s.text}
      </del>
    ) : (
      <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-900 underline decoration-emerald-700">
        {s.text}
      </ins>
    ),
  );
}

/** Each annotator's rewrite of the answer they preferred, beside the original, word changes marked. */
export function PairEdits({ edits }: PairEditsProps) {
  if (!edits.length) return null;
  return (
    <section aria-label="Edited answers" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Edited answers</h2>
      {edits.map((e) => {
        const diff = sideBySideDiff(e.original, e.edited);
        return (
          <article key={e.id} aria-label={`Edit by ${e.annotator}`} data-testid="pair-edit">
            <h3 className="mb-2 text-sm text-slate-600">
              {e.annotator} rewrote answer {e.choice}; export uses the rewrite as chosen.
            </h3>
            {!diff && (
              <p className="mb-2 text-xs text-slate-500">These texts differ too much to highlight word by word.</p>
            )}
            <div className="grid gap-3 md:grid-cols-2">
              <div className="min-w-0">
                <h4 className="text-xs font-medium uppercase text-slate-500">Original</h4>
                <p
                  dir="auto"
                  className="whitespace-pre-wrap wrap-anywhere text-sm leading-6"
                  data-testid="edit-original"
                >
                  {diff ? <Segments segments={diff.left} kind="del" /> : e.original}
                </p>
              </div>
              <div className="min-w-0">
                <h4 className="text-xs font-medium uppercase text-slate-500">Edited</h4>
                <p dir="auto" className="whitespace-pre-wrap wrap-anywhere text-sm leading-6" data-testid="edit-edited">
                  {diff ? <Segments segments={diff.right} kind="ins" /> : e.edited}
                </p>
              </div>
            </div>
          </article>
        );
      })}
    </section>
  );
}
