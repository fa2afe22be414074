import type { getPair } from "@/lib/pairs/get-pair";

type Candidate = Awaited<ReturnType<typeof getPair>>["candidateA"];

export interface CandidateColumnProps {
  label: string;
  candidate: Candidate;
  chosen: boolean;
}

/** A writer's time on an answer: "4 min 12 s", "38 s". */
export function timeTaken(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return [h && `${h} h`, m && `${m} min`, (s % 60 || s === 0) && `${s % 60} s`].filter(Boolean).join(" ");
}

/** One answer of a pair with where it came from. Admin view: model names and writers are shown here. */
export function CandidateColumn({ label, candidate: c, chosen }: CandidateColumnProps) {
  const facts: [string, string | null][] = [
    ["Source", c.source.toLowerCase()],
    ["Written by", c.author ? (c.author.name?.trim() ? c.author.name : c.author.email) : null],
    ["Time taken", c.author && c.timeTakenMs != null ? timeTaken(c.timeTakenMs) : null],
    ["Document", c.chunk ? `${c.chunk.document.title}, chunk ${c.chunk.index + 1}` : null],
    ["Endpoint", c.endpoint ? `${c.endpoint.name} (${c.role?.toLowerCase()})` : null],
    ["Model", c.model],
    ["Finish", c.finishReason],
    ["Tokens in / out", c.inputTokens != null ? `${c.inputTokens} / ${c.outputTokens}` : null],
    ["Latency", c.latencyMs != null ? `${c.latencyMs} ms` : null],
    ["Cost", c.costUsd != null ? `$${c.costUsd.toFixed(6)}` : null],
  ];
  return (
    <article
      className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white"
      aria-label={`Answer ${label}`}
    >
      <header className="flex items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h3 className="font-semibold">Answer {label}</h3>
        {chosen && <span className="rounded bg-emerald-50 px-2 text-xs text-emerald-700">chosen (implicit)</span>}
        {c.flaw && <span className="rounded bg-amber-50 px-2 text-xs text-amber-800">{c.flaw.toLowerCase()}</span>}
      </header>
      <div
        dir="auto"
        className="max-h-[32rem] overflow-y-auto whitespace-pre-wrap wrap-anywhere px-4 py-3 text-sm"
        data-testid={`answer-${label}`}
      >
        {c.text}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 border-t border-slate-100 px-4 py-2 text-xs text-slate-600">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd className="font-medium text-slate-800">{v}</dd>
            </div>
          ))}
      </dl>
      {c.chunk && (
        <details className="border-t border-slate-100 px-4 py-2 text-xs">
          <summary className="cursor-pointer text-slate-700">Source passage</summary>
          <p dir="auto" className="mt-1 whitespace-pre-wrap wrap-anywhere text-slate-800">
            {c.chunk.text}
          </p>
        </details>
      )}
    </article>
  );
}
