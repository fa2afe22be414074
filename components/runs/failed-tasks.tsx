"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";

interface FailedTask {
  id: string;
  prompt: string;
  endpoint: string;
  role: string;
  sampleIndex: number;
  attempts: number;
  errorKind: string | null;
  lastError: string | null;
}

export function FailedTasks({ projectId, runId }: { projectId: string; runId: string }) {
  const { data, isPending } = useQuery({
    queryKey: ["projects", projectId, "runs", runId, "failed"],
    queryFn: () => apiFetch<{ tasks: FailedTask[] }>(`/api/projects/${projectId}/runs/${runId}/failed`),
  });
  if (isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Prompt</th>
          <th className="py-1 pr-3 font-medium">Endpoint</th>
          <th className="py-1 pr-3 font-medium">Attempts</th>
          <th className="py-1 font-medium">Last error</th>
        </tr>
      </thead>
      <tbody>
        {data?.tasks.map((t) => (
          <tr key={t.id} className="border-t border-slate-100 align-top">
            <td className="max-w-xs truncate py-1 pr-3" title={t.prompt}>
              {t.prompt}
            </td>
            <td className="py-1 pr-3">
              {t.endpoint} ({t.role.toLowerCase()})
            </td>
            <td className="py-1 pr-3 tabular-nums">{t.attempts}</td>
            <td className="py-1">{t.lastError}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
