"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { LABEL_NAMES, LABELS, type Label } from "@/lib/labels/precedence";

export interface AdjudicationFormProps {
  projectId: string;
  pairId: string;
  current: { label: string; reason: string; adjudicator: string; updatedAt: string } | null;
}

/**
 * An admin's final say on a pair: it overrides the votes. No label is chosen beforehand (a
 * default would be one click from being saved unread); a saved decision is confirmed in words.
 */
export function AdjudicationForm({ projectId, pairId, current }: AdjudicationFormProps) {
  const router = useRouter();
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: (body: { label: string; reason: string }) =>
      apiFetch(`/api/projects/${projectId}/pairs/${pairId}/review`, { method: "PUT", json: body }),
    onSuccess: () => router.refresh(),
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (save.isPending) return;
    const f = new FormData(e.currentTarget);
    const label = f.get("label");
    setMissing(!label);
    if (!label) return;
    save.mutate({ label: String(label), reason: String(f.get("reason")) });
  }
  const err = save.error instanceof ApiClientError ? save.error : null;
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Adjudicate"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <h2 className="font-medium">Adjudicate</h2>
      {current && (
        <p className="text-sm text-slate-700" data-testid="adjudication-current">
          Decided {LABEL_NAMES[current.label as Label] ?? current.label} by {current.adjudicator} on{" "}
          {new Date(current.updatedAt).toLocaleString()}: <span dir="auto">{current.reason}</span>
        </p>
      )}
      <fieldset aria-describedby={missing ? "adjudication-label-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">{current ? "Change the label" : "Label"}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {LABELS.map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="label" value={value} onChange={() => setMissing(false)} />
              {LABEL_NAMES[value]}
            </label>
          ))}
        </div>
        {missing && (
          <p id="adjudication-label-error" className="mt-1 text-sm text-red-600">
            Choose a label.
          </p>
        )}
      </fieldset>
      <div>
        <label htmlFor="adjudication-reason" className="mb-1 block text-sm font-medium text-slate-700">
          Reason
        </label>
        <textarea
          id="adjudication-reason"
          name="reason"
          dir="auto"
          rows={2}
          className="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </div>
      {err && <Alert tone="error">{err.message}</Alert>}
      {save.isSuccess && !save.isPending && (
        <Alert tone="success">
          Saved: {LABEL_NAMES[save.variables.label as Label]}. This label now overrides the votes.
        </Alert>
      )}
      {/* Not disabled while saving: a disabled button loses focus, and the keyboard user with it. */}
      <Button
        type="submit"
        aria-disabled={save.isPending}
        className="aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
      >
        {save.isPending ? "Saving…" : current ? "Update adjudication" : "Adjudicate"}
      </Button>
    </form>
  );
}
