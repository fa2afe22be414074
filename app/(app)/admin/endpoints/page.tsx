import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listEndpoints } from "@/lib/endpoints/endpoints";
import { EndpointsAdmin } from "./_components/endpoints-admin";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  await requireRole("ADMIN");
  const endpoints = await listEndpoints();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Model endpoints</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        The models that write candidates. API keys are stored encrypted and never shown again; only their last four
        characters are.
      </p>
      <EndpointsAdmin initialEndpoints={endpoints} />
    </div>
  );
}
