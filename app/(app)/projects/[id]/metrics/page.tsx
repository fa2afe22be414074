import type { Metadata } from "next";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { getProjectMetrics } from "@/lib/metrics/project-metrics";
import { MetricsView } from "./_components/metrics-view";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = z.object({ id: z.string() }).parse(await params);
  return <MetricsView projectId={id} initialMetrics={await getProjectMetrics(id)} />;
}
