"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { EndpointTestResult } from "@/lib/endpoints/schemas";
import { OUTPUT_MODE_LABELS } from "@/lib/models/output-mode";
import { ENDPOINTS_KEY } from "./query-keys";

export interface TestEndpointButtonProps {
  endpointId: string;
  endpointName: string;
}

/** Sends tiny calls through the server and shows "OK · 123 ms · JSON schema" or the provider's own error. */
export function TestEndpointButton({ endpointId, endpointName }: TestEndpointButtonProps) {
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: () => apiFetch<EndpointTestResult>(`/api/admin/endpoints/${endpointId}/test`, { method: "POST" }),
    // The test stores the structured output mode it found; the list shows it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY }),
  });
  const result = test.data;
  const requestError = test.error instanceof ApiClientError ? test.error.message : test.error ? "The request failed" : null;

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate()} aria-label={`Test ${endpointName}`}>
        {test.isPending ? "Testing…" : "Test"}
      </Button>
      <div aria-live="polite" className="max-w-xs text-right text-sm">
        {result?.ok && (
          <p role="status" className="text-emerald-700" title={result.text}>
            OK · {result.latencyMs} ms · {OUTPUT_MODE_LABELS[result.outputMode]}
          </p>
        )}
        {result && !result.ok && (
          <p role="alert" className="break-words text-red-700">
            {result.error.message}
          </p>
        )}
        {requestError && (
          <p role="alert" className="text-red-700">
            {requestError}
          </p>
        )}
      </div>
    </div>
  );
}
