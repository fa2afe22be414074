import type { Metadata } from "next";
import { idParamsSchema } from "@/lib/params";
import { requireRole } from "@/lib/auth/guards";
import { MetricsView } from "./_components/metrics-view";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = idParamsSchema.parse(await params);
  // The figures scan the whole project (seconds on a million pairs): the page opens at once and
  // the browser asks for them, showing that they are being computed.
  return <MetricsView projectId={id} />;
}
