"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { cn } from "@/lib/cn";
import type { PublicUser, UpdateUserInput } from "@/lib/users/schemas";
import { USERS_KEY } from "./query-keys";

export interface UserRowProps {
  user: PublicUser;
  isSelf: boolean;
}

export function UserRow({ user, isSelf }: UserRowProps) {
  const queryClient = useQueryClient();
  const [resetting, setResetting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const update = useMutation({
    mutationFn: (input: UpdateUserInput) =>
      apiFetch<{ user: PublicUser }>(`/api/admin/users/${user.id}`, { method: "PATCH", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
  const error = update.error instanceof ApiClientError ? update.error.message : update.error ? "Request failed" : null;

  function onReset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password"));
    update.mutate({ password }, { onSuccess: () => (setResetting(false), setNotice("Password changed")) });
  }

  return (
    <tr className="border-t border-slate-100 align-top" data-testid={`user-${user.email}`}>
      <td className="px-3 py-2">{user.email}</td>
      <td className="px-3 py-2">{user.name}</td>
      <td className="px-3 py-2">{user.role === "ADMIN" ? "Admin" : "Annotator"}</td>
      <td className="px-3 py-2">
        <span
          className={cn(
            "rounded px-2 py-0.5 text-xs",
            user.active ? "bg-emerald-50 text-emerald-700" : "bg-slate-200 text-slate-600",
          )}
        >
          {user.active ? "Active" : "Deactivated"}
        </span>
      </td>
      <td className="px-3 py-2 text-slate-600">
        {user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : "Never"}
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap justify-end gap-2">
          {resetting ? (
            <form onSubmit={onReset} className="flex gap-2" aria-label={`Reset the password of ${user.email}`}>
              <input
                name="password"
                type="password"
                aria-label="New password"
                autoComplete="new-password"
                className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm"
                required
              />
              <Button type="submit" disabled={update.isPending}>
                Save
              </Button>
              <Button variant="ghost" onClick={() => setResetting(false)}>
                Cancel
              </Button>
            </form>
          ) : (
            <Button variant="secondary" onClick={() => (setResetting(true), setNotice(null), update.reset())}>
              Reset password
            </Button>
          )}
          {!isSelf && (
            <Button
              variant={user.active ? "danger" : "secondary"}
              disabled={update.isPending}
              // Deactivating signs the user out everywhere: ask first. Reactivating undoes nothing.
              onClick={() => (user.active ? (update.reset(), setConfirming(true)) : update.mutate({ active: true }))}
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </Button>
          )}
        </div>
        {error && !confirming && (
          <p role="alert" className="mt-1 text-right text-sm text-red-600">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="mt-1 text-right text-sm text-emerald-700">
            {notice}
          </p>
        )}
        {confirming && (
          <ConfirmDialog
            title="Deactivate this user?"
            confirmLabel={update.isPending ? "Deactivating…" : "Deactivate user"}
            pending={update.isPending}
            error={error}
            onConfirm={() => update.mutate({ active: false }, { onSuccess: () => setConfirming(false) })}
            onClose={() => setConfirming(false)}
          >
            <p>
              <strong className="font-semibold">{user.email}</strong> is signed out everywhere and cannot sign in; their
              API tokens end for good (reactivating does not bring them back). The pairs and prompts they hold, and the
              pairs reserved for them, go back to the others at once. Their votes stay.
            </p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
