"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { cn } from "@/lib/cn";
import { PROVIDER_LABELS, type PublicEndpoint } from "@/lib/endpoints/schemas";
import { EndpointForm } from "./endpoint-form";
import { limitsSummary, outputModeSummary, pricesSummary, samplingSummary } from "./endpoint-summary";
import { ENDPOINTS_KEY } from "./query-keys";
import { TestEndpointButton } from "./test-endpoint-button";

export interface EndpointRowProps {
  endpoint: PublicEndpoint;
}

const COLUMNS = 8;

export function EndpointRow({ endpoint: e }: EndpointRowProps) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const archive = useMutation({
    mutationFn: (archived: boolean) =>
      apiFetch<{ endpoint: PublicEndpoint }>(`/api/admin/endpoints/${e.id}`, { method: "PATCH", json: { archived } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY }),
  });
  const archived = e.archivedAt !== null;
  const error =
    archive.error instanceof ApiClientError ? archive.error.message : archive.error ? "Request failed" : null;
  const sampling = samplingSummary(e);

  return (
    <>
      <tr
        className={cn("border-t border-slate-100 align-top", archived && "text-slate-500")}
        data-testid={`endpoint-${e.name}`}
      >
        <td className="px-3 py-2 font-medium">{e.name}</td>
        <td className="px-3 py-2">{PROVIDER_LABELS[e.provider]}</td>
        <td className="px-3 py-2">
          <div className="break-all">{e.modelId}</div>
          {sampling && <div className="text-xs text-slate-500">{sampling}</div>}
          <div className="break-all text-xs text-slate-500">{e.baseUrl ?? "Default URL"}</div>
          <div className="text-xs text-slate-500" data-testid="output-mode">
            {outputModeSummary(e)}
          </div>
        </td>
        <td className="px-3 py-2 font-mono text-xs" data-testid="api-key">
          {e.apiKeyLast4 ?? <span className="font-sans text-slate-500">No key</span>}
        </td>
        <td className="px-3 py-2 text-xs">{limitsSummary(e)}</td>
        <td className="px-3 py-2 text-xs">{pricesSummary(e)}</td>
        <td className="px-3 py-2">
          <span
            className={cn(
              "rounded px-2 py-0.5 text-xs",
              archived ? "bg-slate-200 text-slate-600" : "bg-emerald-50 text-emerald-700",
            )}
          >
            {archived ? "Archived" : "Active"}
          </span>
        </td>
        <td className="px-3 py-2">
          <div className="flex flex-wrap items-start justify-end gap-2">
            {/* A new connection starts untested: the last result on screen spoke for the old one. */}
            <TestEndpointButton
              key={[e.provider, e.baseUrl, e.modelId, e.apiKeyLast4, e.structuredOutput].join("\n")}
              endpointId={e.id}
              endpointName={e.name}
              lastTest={e.lastTest}
            />
            <Button variant="secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
              Edit
            </Button>
            <Button
              variant={archived ? "secondary" : "ghost"}
              disabled={archive.isPending}
              onClick={() => archive.mutate(!archived)}
            >
              {archived ? "Unarchive" : "Archive"}
            </Button>
          </div>
          {error && (
            <p role="alert" className="mt-1 text-right text-sm text-red-600">
              {error}
            </p>
          )}
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={COLUMNS} className="bg-slate-50 px-3 py-3">
            <EndpointForm endpoint={e} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
