import type { PairJudging, PairJudgmentView } from "@/lib/pairs/pair-judgments";

const winnerText = { A: "A better", B: "B better", TIE: "Tie" } as const;
const verdictText = {
  AGREED: "Agreed",
  UNCERTAIN: "Uncertain: the two orders disagreed",
  FAILED: "Judge failed: at least one order has no usable verdict",
};
const reasonText: Record<string, string> = {
  UNCERTAIN: "the orders disagreed",
  LOW_CONFIDENCE: "the score margin is under the threshold",
  AUDIT: "audit sample",
  JUDGE_FAILED: "the judge failed",
};

function JudgmentCard({ j }: { j: PairJudgmentView }) {
  const facts: [string, string | null][] = [
    ["Scores A / B", j.scoreA !== null ? `${j.scoreA} / ${j.scoreB}` : null],
    ["Output mode", j.outputMode ?? null],
    ["Model", j.model ? `${j.model} (${j.endpoint})` : j.endpoint],
    ["Tokens in / out", j.inputTokens !== null ? `${j.inputTokens} / ${j.outputTokens}` : null],
    ["Cost", j.costUsd !== null ? `$${j.costUsd.toFixed(6)}` : null],
    ["Latency", j.latencyMs !== null ? `${j.latencyMs} ms` : null],
    ["Repair asked", j.repaired ? "yes" : "no"],
  ];
  return (
    <article
      className="min-w-0 rounded border border-slate-200 p-3"
      aria-label={`Judgment, ${j.order}`}
      data-testid="pair-judgment"
    >
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium">{j.order}</h3>
        {j.status === "OK" ? (
          <span className="rounded bg-emerald-50 px-2 text-xs text-emerald-700">ok</span>
        ) : (
          <span className="rounded bg-red-50 px-2 text-xs text-red-700">failed</span>
        )}
        <span className="text-sm" data-testid="pair-judgment-winner">
          {j.winner ? winnerText[j.winner] : "no verdict"}
        </span>
      </header>
      {j.error && <p className="mt-1 text-sm text-red-700">{j.error}</p>}
      {j.rationale && (
        <p dir="auto" className="mt-1 whitespace-pre-wrap wrap-anywhere text-sm text-slate-700">
          {j.rationale}
        </p>
      )}
      {j.rationale && j.order === "B first" && (
        <p className="mt-1 text-xs text-slate-500" data-testid="pair-judgment-positions">
          Shown B first: this rationale calls B &ldquo;Answer A&rdquo; and A &ldquo;Answer B&rdquo;, by the order the
          judge saw them; the verdict above names them as this page does.
        </p>
      )}
      <dl className="mt-2 grid grid-cols-2 gap-x-4 text-xs text-slate-600">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd className="font-medium text-slate-800">{v}</dd>
            </div>
          ))}
      </dl>
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-indigo-700">Raw reply</summary>
        <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs">
          {j.rawText}
        </pre>
      </details>
    </article>
  );
}

/** The judge's two judgments of a pair and the verdict they settled. Admin view only. */
export function PairJudgments({ judging }: { judging: PairJudging }) {
  const { verdict, reviewReason, judgments } = judging;
  if (!judgments.length && !verdict) return null;
  return (
    <section aria-label="Judge" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">
        Judge:{" "}
        <span data-testid="pair-judge-verdict">
          {verdict
            ? verdict.status === "AGREED" && verdict.label
              ? `${winnerText[verdict.label]} (both orders agree, margin ${verdict.confidence?.toFixed(1)})`
              : verdictText[verdict.status]
            : "waiting for the second order"}
        </span>
      </h2>
      {reviewReason && (
        <p className="text-sm text-slate-600">Sent to annotators: {reasonText[reviewReason] ?? reviewReason}</p>
      )}
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        {judgments.map((j) => (
          <JudgmentCard key={j.id} j={j} />
        ))}
      </div>
    </section>
  );
}
