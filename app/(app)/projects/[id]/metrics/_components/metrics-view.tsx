"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { ProjectMetrics } from "@/lib/metrics/types";
import { AnnotatorsSection } from "./annotators-section";
import { GoldSection } from "./gold-section";
import { JudgeHumanSection, JudgeUndecidedSection, PositionBiasSection } from "./judge-sections";
import { LengthBiasSection, StrongWeakSection } from "./outcome-sections";
import { PanelSection } from "./panel-section";
import { HumanWinsSection } from "./human-wins-section";

export interface MetricsViewProps {
  projectId: string;
}

export function MetricsView({ projectId }: MetricsViewProps) {
  const {
    data: m,
    error,
    refetch,
    isFetching,
    dataUpdatedAt,
  } = useQuery({
    queryKey: ["projects", projectId, "metrics"],
    queryFn: async () => (await apiFetch<{ metrics: ProjectMetrics }>(`/api/projects/${projectId}/metrics`)).metrics,
    // The figures scan the whole project: computed on demand, not polled.
    staleTime: Infinity,
  });
  if (!m) {
    return error ? (
      <Alert tone="error">
        {error instanceof ApiClientError ? error.message : "The metrics could not be computed"}
      </Alert>
    ) : (
      <p role="status" className="text-sm text-slate-600">
        Computing the metrics over every pair of the project…
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-4">
        <p className="text-sm text-slate-600">
          Every figure says on how many pairs (n) it rests. Computed at {new Date(dataUpdatedAt).toLocaleTimeString()}.
        </p>
        <Button variant="secondary" onClick={() => refetch()} disabled={isFetching}>
          {isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      <JudgeHumanSection m={m.judgeHuman} pairsHref={`/projects/${projectId}/pairs?judge=disagrees`} />
      {m.panel && <PanelSection m={m.panel} />}
      <PositionBiasSection m={m.positionBias} />
      <JudgeUndecidedSection m={m.judgeVerdicts} />
      <GoldSection m={m.gold} />
      <AnnotatorsSection m={m.annotators} overlap={m.overlap} />
      <StrongWeakSection m={m.strongWeak} />
      <HumanWinsSection m={m.humanVsModel} />
      <LengthBiasSection m={m.lengthBias} />
    </div>
  );
}
