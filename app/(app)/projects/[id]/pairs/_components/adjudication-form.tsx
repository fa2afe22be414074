"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { LABEL_NAMES, LABELS } from "@/lib/labels/precedence";

export interface AdjudicationFormProps {
  projectId: string;
  pairId: string;
  current: { label: string; reason: string } | null;
}

/** An admin's final say on a pair: it overrides the votes. */
export function AdjudicationForm({ projectId, pairId, current }: AdjudicationFormProps) {
  const router = useRouter();
  const save = useMutation({
    mutationFn: (body: { label: string; reason: string }) =>
      apiFetch(`/api/projects/${projectId}/pairs/${pairId}/review`, { method: "PUT", json: body }),
    onSuccess: () => router.refresh(),
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({ label: String(f.get("label")), reason: String(f.get("reason")) });
  }
  const err = save.error instanceof ApiClientError ? save.error : null;
  return (
    <form onSubmit={onSubmit} aria-label="Adjudicate" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="font-medium">Adjudicate</h2>
      <SelectField label="Label" name="label" defaultValue={current?.label ?? "A"}>
        {LABELS.map((l) => (
          <option key={l} value={l}>
            {LABEL_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <div>
        <label htmlFor="adjudication-reason" className="mb-1 block text-sm font-medium text-slate-700">
          Reason
        </label>
        <textarea
          id="adjudication-reason"
          name="reason"
          rows={2}
          defaultValue={current?.reason}
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </div>
      {err && <Alert tone="error">{err.message}</Alert>}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : current ? "Update adjudication" : "Adjudicate"}
      </Button>
    </form>
  );
}
