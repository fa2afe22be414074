"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { LABEL_NAMES, LABELS, type Label } from "@/lib/labels/precedence";

export interface GoldFormProps {
  projectId: string;
  pairId: string;
  /** The pair's known answer when it is gold. */
  gold: Label | null;
}

/**
 * Marks a pair gold with its known answer, or unmarks it. Both change the dataset (a gold pair
 * leaves it) and possibly whose votes count, so each is confirmed first; no answer is chosen
 * beforehand, as in the adjudication form.
 */
export function GoldForm({ projectId, pairId, gold }: GoldFormProps) {
  const router = useRouter();
  const [asking, setAsking] = useState<Label | "unmark" | null>(null);
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: (label: Label | null) =>
      apiFetch(
        `/api/projects/${projectId}/pairs/${pairId}/gold`,
        label ? { method: "PUT", json: { label } } : { method: "DELETE" },
      ),
    onSuccess: () => {
      setAsking(null);
      router.refresh();
    },
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const label = new FormData(e.currentTarget).get("gold-label");
    setMissing(!label);
    if (label) setAsking(String(label) as Label);
  }
  const err = save.error instanceof ApiClientError ? save.error.message : save.error ? "Could not save" : null;
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Gold pair"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      noValidate
    >
      <h2 className="font-medium">Gold pair</h2>
      <p className="text-sm text-slate-600" data-testid="gold-current">
        {gold
          ? `This pair is gold: its known answer is ${LABEL_NAMES[gold]}. It is served to annotators to check them and is not part of the dataset.`
          : "Mark this pair gold with its known answer to check annotators on it: it is then served like any other pair, scores their accuracy, and leaves the dataset."}
      </p>
      <fieldset aria-describedby={missing ? "gold-label-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">
          {gold ? "Change the known answer" : "Known answer"}
        </legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {LABELS.map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="gold-label" value={value} onChange={() => setMissing(false)} />
              {LABEL_NAMES[value]}
            </label>
          ))}
        </div>
        {missing && (
          <p id="gold-label-error" className="mt-1 text-sm text-red-600">
            Choose the known answer.
          </p>
        )}
      </fieldset>
      {save.isSuccess && !asking && (
        <Alert tone="success">{gold ? `Saved: gold, ${LABEL_NAMES[gold]}.` : "Saved: no longer gold."}</Alert>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {gold ? "Change known answer" : "Mark as gold"}
        </Button>
        {gold && (
          <Button type="button" variant="secondary" onClick={() => setAsking("unmark")} disabled={save.isPending}>
            Unmark gold
          </Button>
        )}
      </div>
      {asking && (
        <ConfirmDialog
          title={asking === "unmark" ? "Unmark this gold pair?" : "Mark this pair gold?"}
          confirmLabel={asking === "unmark" ? "Unmark gold" : `Mark gold: ${LABEL_NAMES[asking]}`}
          pending={save.isPending}
          error={err}
          onConfirm={() => save.mutate(asking === "unmark" ? null : asking)}
          onClose={() => {
            setAsking(null);
            save.reset();
          }}
        >
          <p>
            {asking === "unmark"
              ? "It becomes a regular pair again: it goes back into the dataset, and answers on it no longer count towards annotators' gold accuracy."
              : `Its known answer will be ${LABEL_NAMES[asking]}. It leaves the dataset (exports count it as gold), and annotators' answers on it count towards their gold accuracy.`}
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}
