"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { ReservationSummary, ReserveInput } from "@/lib/annotation/schemas";
import type { ProjectMemberView } from "@/lib/projects/types";
import { useProjectMembers } from "./use-project-members";

export interface ReservationsPanelProps {
  projectId: string;
  /** The members when the page was rendered; the panel follows the Members panel's changes. */
  initialMembers: ProjectMemberView[];
  initial: ReservationSummary[];
}

type Reply = { reservations: ReservationSummary[]; pairs?: number; released?: number };

/** Reserve a share of the pairs still needing votes for chosen annotators, and release them. */
export function ReservationsPanel({ projectId, initialMembers, initial }: ReservationsPanelProps) {
  const members = useProjectMembers(projectId, initialMembers);
  const base = `/api/projects/${projectId}/reservations`;
  const qc = useQueryClient();
  const key = ["reservations", projectId];
  const [note, setNote] = useState<string | null>(null);
  const { data: rows } = useQuery({
    queryKey: key,
    queryFn: async () => (await apiFetch<Reply>(base)).reservations,
    initialData: initial,
  });
  const done = (res: Reply) => qc.setQueryData(key, res.reservations);
  const reserve = useMutation({
    mutationFn: (body: ReserveInput) => apiFetch<Reply>(base, { method: "POST", json: body }),
    onSuccess: (res) => {
      done(res);
      setNote(`Reserved ${res.pairs!.toLocaleString("en")} pairs.`);
    },
  });
  const release = useMutation({
    mutationFn: (userId?: string) =>
      apiFetch<Reply>(userId ? `${base}?userId=${encodeURIComponent(userId)}` : base, { method: "DELETE" }),
    onSuccess: (res) => {
      done(res);
      setNote("Released: those pairs go back to everyone's queue.");
    },
  });
  const error = [reserve.error, release.error].find(Boolean);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    reserve.mutate({
      userIds: data.getAll("userIds").map(String),
      amount: Number(data.get("amount")),
      unit: data.get("unit") === "pairs" ? "pairs" : "percent",
    });
  }

  return (
    <section aria-labelledby="reservations-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="reservations-heading" className="text-lg font-semibold">
        Reserved pairs
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        Set aside pairs that still need votes for chosen annotators: only they are served those pairs until the pairs
        have their votes or you release them. Reserve for at least as many annotators as the votes per pair, or the
        pairs wait for a release.
      </p>
      {rows.length > 0 && (
        <ul className="mb-4 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Reservations">
          {rows.map((r) => (
            <li
              key={r.userId}
              className="flex items-center gap-3 px-3 py-2 text-sm"
              data-testid={`reserved-${r.email}`}
            >
              <span className="font-medium">{r.email}</span>
              <span className="tabular-nums text-slate-600">
                {r.reserved.toLocaleString("en")} reserved · {r.waiting.toLocaleString("en")} waiting for their vote
              </span>
              <Button
                variant="ghost"
                className="ml-auto"
                disabled={release.isPending}
                onClick={() => release.mutate(r.userId)}
              >
                Release
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="space-y-3">
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">For</legend>
          {members.length === 0 && <p className="text-sm text-slate-600">Add members first.</p>}
          {members.map((m) => (
            <label key={m.userId} className="mr-4 inline-flex items-center gap-1 text-sm">
              <input type="checkbox" name="userIds" value={m.userId} /> {m.email}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="How many" name="amount" type="number" min={1} defaultValue={10} className="w-32" />
          <SelectField label="Of" name="unit" defaultValue="percent">
            <option value="percent">% of the pairs still needing votes</option>
            <option value="pairs">pairs</option>
          </SelectField>
          <Button type="submit" disabled={reserve.isPending}>
            Reserve
          </Button>
          {rows.length > 0 && (
            <Button variant="secondary" disabled={release.isPending} onClick={() => release.mutate(undefined)}>
              Release all
            </Button>
          )}
        </div>
      </form>
      {note && !error && (
        <p className="mt-2 text-sm text-slate-700" role="status">
          {note}
        </p>
      )}
      {error && <Alert tone="error">{error instanceof ApiClientError ? error.message : "Request failed"}</Alert>}
    </section>
  );
}
