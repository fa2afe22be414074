import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { listPairs } from "@/lib/pairs/list-pairs";

export const metadata: Metadata = { title: "Pairs" };

const searchSchema = z.object({ cursor: z.string().optional() });

export default async function PairsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  await requireRole("ADMIN");
  const { id } = await params;
  const { cursor } = searchSchema.parse(await searchParams);
  const { pairs, total, nextCursor } = await listPairs(id, { cursor, limit: 50 });
  return (
    <section aria-label="Pairs">
      <p className="mb-3 text-sm text-slate-600">{total.toLocaleString()} pairs</p>
      {pairs.length === 0 ? (
        <p className="text-sm text-slate-600">No pairs yet: run generation, or import pairs.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {pairs.map((p) => (
            <li key={p.id}>
              <Link href={`/projects/${id}/pairs/${p.id}`} className="block px-4 py-2 hover:bg-slate-50">
                <span className="line-clamp-1 text-sm">{p.prompt}</span>
                <span className="text-xs text-slate-500">
                  {p.candidateA.endpoint?.name ?? "imported"} vs {p.candidateB.endpoint?.name ?? "imported"}
                  {p.implicitLabel && ` · implicit: ${p.implicitLabel} chosen`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <Link href={`/projects/${id}/pairs?cursor=${nextCursor}`} className="mt-3 inline-block text-sm text-indigo-600 underline">
          Older pairs
        </Link>
      )}
    </section>
  );
}
