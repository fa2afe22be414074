import { Link } from "@/components/ui/link";
import { Alert } from "@/components/ui/alert";
import { filtersToParams, withParams, type PairFilters } from "@/lib/pairs/list-schemas";
import type { PairListPage } from "@/lib/pairs/pair-list";
import { PairFiltersForm } from "./pair-filters";
import { PairTable } from "./pair-table";

export interface PairListViewProps {
  projectId: string;
  /** The list's own address (Pairs or Disagreements). */
  path: string;
  filters: PairFilters;
  page: PairListPage;
  error: string | null;
  empty: string;
  disagreementFixed?: boolean;
  /** The project's mode puts the LLM judge to work (its filters are shown). */
  judged?: boolean;
}

/** Filters, the page of pairs and newer/older links; everything the list shows is in its URL. */
export function PairListView({
  projectId,
  path,
  filters,
  page,
  error,
  empty,
  disagreementFixed,
  judged,
}: PairListViewProps) {
  const params = filtersToParams(filters);
  // The pair page gets the same filters, so its previous/next follow this list.
  const pairParams = filtersToParams(disagreementFixed ? { ...filters, disagreement: true } : filters);
  const at = (key: "after" | "before", cursor: string) => {
    const p = new URLSearchParams(params);
    p.set(key, cursor);
    return withParams(path, p);
  };
  return (
    <>
      <PairFiltersForm action={path} filters={filters} disagreementFixed={disagreementFixed} judged={judged} />
      {error && (
        <Alert tone="error">This link has a filter that is not understood ({error}); showing every pair.</Alert>
      )}
      <p className="mb-3 text-sm text-slate-600" data-testid="pair-count">
        {page.total
          ? page.total.capped
            ? `More than ${page.total.n.toLocaleString()} pairs`
            : `${page.total.n.toLocaleString()} pairs`
          : `${page.pairs.length} shown, newest first`}
      </p>
      {page.pairs.length === 0 ? (
        <p className="text-sm text-slate-600">{page.scanLimited ? "No match yet." : empty}</p>
      ) : (
        <PairTable rows={page.pairs} href={(id) => withParams(`/projects/${projectId}/pairs/${id}`, pairParams)} />
      )}
      {page.scanLimited && (
        <p className="mt-2 text-sm text-slate-600" role="status">
          Looked through 10,000 pairs for a match; the older pairs link goes on looking.
        </p>
      )}
      <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
        {page.prevCursor && (
          <Link href={at("before", page.prevCursor)} className="text-indigo-600 underline">
            Newer pairs
          </Link>
        )}
        {page.nextCursor && (
          <Link href={at("after", page.nextCursor)} className="text-indigo-600 underline">
            Older pairs
          </Link>
        )}
      </nav>
    </>
  );
}
