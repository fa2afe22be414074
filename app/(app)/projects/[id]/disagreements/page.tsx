import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { listDisagreements } from "@/lib/annotation/review";

export const metadata: Metadata = { title: "Disagreements" };

const short: Record<string, string> = { A: "A", B: "B", TIE: "tie", BOTH_BAD: "both bad" };

export default async function DisagreementsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = await params;
  const pairs = await listDisagreements(id);
  return (
    <section aria-label="Disagreements">
      <p className="mb-3 text-sm text-slate-600">Pairs whose annotators did not all choose the same; open one to adjudicate.</p>
      {pairs.length === 0 ? (
        <p className="text-sm text-slate-600">No disagreements.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {pairs.map((p) => (
            <li key={p.pairId}>
              <Link href={`/projects/${id}/pairs/${p.pairId}`} className="block px-4 py-2 hover:bg-slate-50">
                <span className="line-clamp-1 text-sm">{p.prompt}</span>
                <span className="text-xs text-slate-500">
                  {p.votes} votes: {p.choices.map((c) => short[c] ?? c).join(", ")}
                  {p.adjudicated && " · adjudicated"}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
