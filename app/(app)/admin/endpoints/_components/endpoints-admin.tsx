"use client";

import { useQuery } from "@tanstack/react-query";
import { AdminTable } from "@/components/ui/admin-table";
import { apiFetch } from "@/lib/api/client";
import type { PublicEndpoint } from "@/lib/endpoints/schemas";
import { EndpointForm } from "./endpoint-form";
import { EndpointRow } from "./endpoint-row";
import { ENDPOINTS_KEY } from "./query-keys";

export interface EndpointsAdminProps {
  initialEndpoints: PublicEndpoint[];
}

const HEADINGS = ["Name", "Provider", "Model and URL", "API key", "Limits", "Price per M tokens", "Status"];

export function EndpointsAdmin({ initialEndpoints }: EndpointsAdminProps) {
  const { data: endpoints } = useQuery({
    queryKey: ENDPOINTS_KEY,
    queryFn: async () => (await apiFetch<{ endpoints: PublicEndpoint[] }>("/api/admin/endpoints")).endpoints,
    initialData: initialEndpoints,
  });
  return (
    <div className="space-y-8">
      <EndpointForm />
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">
          No endpoints yet. Add one above, then press Test to check that it answers.
        </p>
      ) : (
        <AdminTable label="Model endpoints" headings={HEADINGS}>
          {endpoints.map((e) => (
            <EndpointRow key={e.id} endpoint={e} />
          ))}
        </AdminTable>
      )}
    </div>
  );
}
