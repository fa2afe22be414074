"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { ProjectMemberView } from "@/lib/projects/types";
import type { PublicUser } from "@/lib/users/schemas";
import { projectMembersKey } from "../../../_components/query-keys";
import { useProjectMembers } from "./use-project-members";

export interface MembersPanelProps {
  projectId: string;
  initialMembers: ProjectMemberView[];
  /** Active users, the ones that may be added. */
  users: PublicUser[];
}

const roleLabel = (role: PublicUser["role"]) => (role === "ADMIN" ? "Admin" : "Annotator");
const errorText = (e: unknown) => (e instanceof ApiClientError ? e.message : e ? "Request failed" : null);

export function MembersPanel({ projectId, initialMembers, users }: MembersPanelProps) {
  const queryClient = useQueryClient();
  const key = projectMembersKey(projectId);
  const members = useProjectMembers(projectId, initialMembers);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (userId: string) =>
      apiFetch(`/api/projects/${projectId}/members`, { method: "POST", json: { userId } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => apiFetch(`/api/projects/${projectId}/members/${userId}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const candidates = users.filter((u) => !members.some((m) => m.userId === u.id));
  const error = errorText(add.error) ?? errorText(remove.error);

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const userId = String(new FormData(event.currentTarget).get("userId") ?? "");
    if (userId) add.mutate(userId);
  }

  return (
    <section aria-labelledby="members-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="members-heading" className="text-lg font-semibold">
        Members
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        Annotators see and label only the projects they are members of.
      </p>
      {members.length === 0 ? (
        <p className="mb-3 text-sm text-slate-600">No members yet.</p>
      ) : (
        <ul className="mb-4 divide-y divide-slate-100 rounded-md border border-slate-200">
          {members.map((m) => (
            <li key={m.userId} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid={`member-${m.email}`}>
              <span className="font-medium">{m.email}</span>
              {m.name && <span className="text-slate-600">{m.name}</span>}
              <span className="text-xs text-slate-500">
                {roleLabel(m.role)}
                {m.active ? "" : " · deactivated"}
              </span>
              <Button
                variant="ghost"
                className="ml-auto"
                aria-label={`Remove ${m.email}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(m.userId)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <form onSubmit={onAdd} aria-label="Add a member" className="flex items-end gap-3">
          <SelectField label="User" name="userId" defaultValue="" className="grow">
            <option value="" disabled>
              Choose a user…
            </option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name ? `${u.name} <${u.email}>` : u.email} ({roleLabel(u.role)})
              </option>
            ))}
          </SelectField>
          <Button type="submit" disabled={add.isPending}>
            Add member
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">Every active user is a member.</p>
      )}
      {error && (
        <div className="mt-3">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
    </section>
  );
}
