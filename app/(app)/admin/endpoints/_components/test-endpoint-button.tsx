"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { EndpointTestResult, StoredTestResult } from "@/lib/endpoints/schemas";
import { OUTPUT_MODE_LABELS } from "@/lib/models/output-mode";
import { ENDPOINTS_KEY } from "./query-keys";

export interface TestEndpointButtonProps {
  endpointId: string;
  endpointName: string;
  /** The last Test's outcome as stored, shown until a new one is taken. */
  lastTest: StoredTestResult | null;
}

/**
 * Sends tiny calls through the server and shows "OK · 123 ms · JSON schema" or the provider's own
 * error, with the time the result was taken (the last one is kept across reloads).
 */
export function TestEndpointButton({ endpointId, endpointName, lastTest }: TestEndpointButtonProps) {
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: () => apiFetch<EndpointTestResult>(`/api/admin/endpoints/${endpointId}/test`, { method: "POST" }),
    // The test stores the structured output mode it found; the list shows it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY }),
  });
  const result = test.data ?? lastTest ?? undefined;
  // A fresh result was taken as the request went out; a stored one says when.
  const takenAt = test.data
    ? new Date(test.submittedAt).toLocaleString()
    : lastTest
      ? new Date(lastTest.at).toLocaleString()
      : null;
  const requestError =
    test.error instanceof ApiClientError ? test.error.message : test.error ? "The request failed" : null;

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        disabled={test.isPending}
        onClick={() => test.mutate()}
        aria-label={`Test ${endpointName}`}
      >
        {test.isPending ? "Testing…" : "Test"}
      </Button>
      <div aria-live="polite" className="max-w-xs text-right text-sm">
        {result?.ok && (
          <p role="status" className="text-emerald-700" title={"text" in result ? result.text : undefined}>
            OK · {result.latencyMs} ms · {OUTPUT_MODE_LABELS[result.outputMode]}
            {takenAt && <span className="block text-xs text-slate-500">Tested {takenAt}</span>}
          </p>
        )}
        {result && !result.ok && (
          <p role="alert" className="break-words text-red-700">
            {result.error.message}
            {takenAt && <span className="block text-xs text-slate-500">Tested {takenAt}</span>}
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
