import type { Metadata } from "next";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { MetricsView } from "./_components/metrics-view";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = z.object({ id: z.string() }).parse(await params);
  // The figures scan the whole project (seconds on a million pairs): the page opens at once and
  // the browser asks for them, showing that they are being computed.
  return <MetricsView projectId={id} />;
}
