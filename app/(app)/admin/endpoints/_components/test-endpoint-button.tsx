"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { EndpointTestResult } from "@/lib/endpoints/schemas";

export interface TestEndpointButtonProps {
  endpointId: string;
  endpointName: string;
}

/** Sends one tiny call through the server and shows "OK · 123 ms" or the provider's own error. */
export function TestEndpointButton({ endpointId, endpointName }: TestEndpointButtonProps) {
  const test = useMutation({
    mutationFn: () => apiFetch<EndpointTestResult>(`/api/admin/endpoints/${endpointId}/test`, { method: "POST" }),
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
            OK · {result.latencyMs} ms
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
