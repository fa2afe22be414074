"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api/client";
import type { ProjectMetrics } from "@/lib/metrics/types";
import { AnnotatorsSection } from "./annotators-section";
import { JudgeHumanSection, PositionBiasSection } from "./judge-sections";
import { LengthBiasSection, StrongWeakSection } from "./outcome-sections";

export interface MetricsViewProps {
  projectId: string;
  initialMetrics: ProjectMetrics;
}

export function MetricsView({ projectId, initialMetrics }: MetricsViewProps) {
  const { data: m, refetch, isFetching } = useQuery({
    queryKey: ["projects", projectId, "metrics"],
    queryFn: async () => (await apiFetch<{ metrics: ProjectMetrics }>(`/api/projects/${projectId}/metrics`)).metrics,
    initialData: initialMetrics,
    // The figures scan the whole project: computed on demand, not polled.
    staleTime: Infinity,
  });
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-4">
        <p className="text-sm text-slate-600">Every figure says on how many pairs (n) it rests.</p>
        <Button variant="secondary" onClick={() => refetch()} disabled={isFetching}>
          {isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      <JudgeHumanSection m={m.judgeHuman} />
      <PositionBiasSection m={m.positionBias} />
      <AnnotatorsSection m={m.annotators} overlap={m.overlap} />
      <StrongWeakSection m={m.strongWeak} />
      <LengthBiasSection m={m.lengthBias} />
    </div>
  );
}
