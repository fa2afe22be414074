"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FindUsersField, findUsers } from "@/components/users/find-users";
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
const userText = (u: PublicUser) => `${u.name ? `${u.name} <${u.email}>` : u.email} (${roleLabel(u.role)})`;
/** Users listed at once; more are found by narrowing the search. */
const SHOWN = 50;
/** "User 9" before "User 10", as people count. */
const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const errorText = (e: unknown) => (e instanceof ApiClientError ? e.message : e ? "Request failed" : null);

export function MembersPanel({ projectId, initialMembers, users }: MembersPanelProps) {
  const queryClient = useQueryClient();
  const key = projectMembersKey(projectId);
  const members = useProjectMembers(projectId, initialMembers);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  // A team is added in one go: each chosen user in turn, stopping at the first refusal.
  const add = useMutation({
    mutationFn: async (userIds: string[]) => {
      for (const userId of userIds)
        await apiFetch(`/api/projects/${projectId}/members`, { method: "POST", json: { userId } });
    },
    onSuccess: () => setChosen([]),
    onSettled: refresh,
  });
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const remove = useMutation({
    mutationFn: (userId: string) => apiFetch(`/api/projects/${projectId}/members/${userId}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const candidates = users
    .filter((u) => !members.some((m) => m.userId === u.id))
    .sort((a, b) => byName.compare(a.name || a.email, b.name || b.email));
  const found = findUsers(candidates, search);
  const picked = chosen.filter((id) => candidates.some((u) => u.id === id));
  const error = errorText(add.error) ?? errorText(remove.error);

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (picked.length) add.mutate(picked);
  }
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));

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
        <form onSubmit={onAdd} aria-label="Add a member" className="space-y-3">
          <FindUsersField value={search} onChange={setSearch} />
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">
              Users to add ({found.length.toLocaleString("en")} found)
            </legend>
            {found.length === 0 ? (
              <p className="text-sm text-slate-600">No user who is not a member matches.</p>
            ) : (
              <ul className="max-h-64 overflow-y-auto rounded-md border border-slate-200 p-2">
                {found.slice(0, SHOWN).map((u) => (
                  <li key={u.id}>
                    <label className="flex items-center gap-2 py-0.5 text-sm">
                      <input
                        type="checkbox"
                        checked={picked.includes(u.id)}
                        onChange={(e) => toggle(u.id, e.target.checked)}
                      />
                      {userText(u)}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {found.length > SHOWN && (
              <p className="mt-1 text-sm text-slate-600">
                Showing the first {SHOWN} of {found.length.toLocaleString("en")}: narrow the search to see the others.
              </p>
            )}
          </fieldset>
          <Button type="submit" disabled={add.isPending || picked.length === 0}>
            {picked.length > 1 ? `Add ${picked.length} members` : "Add member"}
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
