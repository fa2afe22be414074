import type { pairReview } from "@/lib/annotation/review";

type Skip = Awaited<ReturnType<typeof pairReview>>["skips"][number];

/** Who skipped the pair and why, with the flags they raised. */
export function PairSkips({ skips }: { skips: Skip[] }) {
  if (!skips.length) return null;
  return (
    <section aria-label="Skips" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Skipped by {skips.length === 1 ? "1 annotator" : `${skips.length} annotators`}</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {skips.map((s) => (
          <li key={s.id} data-testid="pair-skip">
            <span className="font-medium">{s.annotator}</span>:{" "}
            <span dir="auto">{s.skipReason || "no reason given"}</span>
            {s.skipFlags.length > 0 && <span className="text-amber-800"> · flagged: {s.skipFlags.join(", ")}</span>}
            <span className="text-slate-500"> · {new Date(s.skippedAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
