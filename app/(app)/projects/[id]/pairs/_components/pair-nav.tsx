import { Link } from "@/components/ui/link";

export interface PairNavProps {
  listHref: string;
  previousHref: string | null;
  nextHref: string | null;
}

/** Back to the list, and the pairs before and after this one in the list's order and filters. */
export function PairNav({ listHref, previousHref, nextHref }: PairNavProps) {
  const link = "text-sm text-indigo-600 underline";
  return (
    <nav aria-label="Pair navigation" className="flex items-center gap-4">
      <Link href={listHref} className={link}>
        Back to the list
      </Link>
      <span className="flex-1" />
      {previousHref ? (
        <Link href={previousHref} className={link}>
          ← Previous pair
        </Link>
      ) : (
        <span className="text-sm text-slate-500">First in the list</span>
      )}
      {nextHref ? (
        <Link href={nextHref} className={link}>
          Next pair →
        </Link>
      ) : (
        <span className="text-sm text-slate-500">Last in the list</span>
      )}
    </nav>
  );
}
