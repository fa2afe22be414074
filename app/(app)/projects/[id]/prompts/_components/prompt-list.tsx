"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api/client";
import type { PromptPage } from "@/lib/prompts/types";
import { promptsKey } from "./query-keys";

export interface PromptListProps {
  projectId: string;
  initialPage: PromptPage;
}

export function PromptList({ projectId, initialPage }: PromptListProps) {
  const list = useInfiniteQuery({
    queryKey: promptsKey(projectId),
    queryFn: ({ pageParam }) =>
      apiFetch<PromptPage>(
        `/api/projects/${projectId}/prompts${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
  });
  const pages = list.data.pages;
  const prompts = pages.flatMap((p) => p.prompts);
  const total = pages[0]?.total ?? prompts.length;

  return (
    <section aria-labelledby="prompts-heading" className="space-y-3">
      <h2 id="prompts-heading" className="font-medium">
        Prompts <span className="font-normal text-slate-600">({total.toLocaleString("en-US")})</span>
      </h2>
      {prompts.length === 0 ? (
        <p className="text-sm text-slate-600">No prompts yet. Import a file above.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="w-full bg-white text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Prompt
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  System
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  External id
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Candidates
                </th>
              </tr>
            </thead>
            <tbody>
              {prompts.map((p) => (
                <tr key={p.id} className="border-t border-slate-100 align-top" data-testid="prompt-row">
                  <td className="px-3 py-2">
                    <span dir="auto" className="line-clamp-2 break-words" title={p.text}>
                      {p.text}
                      {p.textTruncated && "…"}
                    </span>
                  </td>
                  <td className="max-w-48 px-3 py-2 text-slate-600">
                    <span dir="auto" className="line-clamp-1 break-words" title={p.system ?? undefined}>
                      {p.system ?? ""}
                      {p.systemTruncated && "…"}
                    </span>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-600">{p.externalId ?? ""}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{p.counts.candidates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? "Loading…" : "Show more"}
        </Button>
      )}
    </section>
  );
}
