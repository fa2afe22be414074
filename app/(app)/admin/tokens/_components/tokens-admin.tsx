"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AdminTable } from "@/components/ui/admin-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { PublicToken, TokenScopeName } from "@/lib/tokens/schemas";

const TOKENS_KEY = ["tokens"];

export interface TokensAdminProps {
  initialTokens: PublicToken[];
}

export function TokensAdmin({ initialTokens }: TokensAdminProps) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<PublicToken | null>(null);
  const { data: tokens } = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => (await apiFetch<{ tokens: PublicToken[] }>("/api/tokens")).tokens,
    initialData: initialTokens,
  });
  const create = useMutation({
    mutationFn: (input: { name: string; scope: TokenScopeName }) =>
      apiFetch<{ token: string; record: PublicToken }>("/api/tokens", { method: "POST", json: input }),
    onSuccess: ({ token, record }) => {
      setCreated({ name: record.name, token });
      return queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
      setRevoking(null);
    },
  });
  const err = create.error instanceof ApiClientError ? create.error : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setCreated(null);
    const data = new FormData(form);
    const scope = data.get("scope") === "READ" ? "READ" : "FULL";
    create.mutate({ name: String(data.get("name") ?? ""), scope }, { onSuccess: () => form.reset() });
  }

  return (
    <div className="space-y-8">
      <form
        onSubmit={onSubmit}
        className="rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Create a token"
        noValidate
      >
        <h2 className="mb-3 font-medium">Create a token</h2>
        <div className="flex items-end gap-3">
          <Field
            label="Name"
            name="name"
            placeholder="nightly export"
            className="flex-1"
            error={err?.fields.find((f) => f.path === "name")?.message}
          />
          <SelectField label="Access" name="scope" defaultValue="FULL">
            <option value="FULL">Full (as my role)</option>
            <option value="READ">Read-only (read and export)</option>
          </SelectField>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </Button>
        </div>
        <div className="mt-3 space-y-2">
          {err && !err.fields.length && <Alert tone="error">{err.message}</Alert>}
          {created && (
            <Alert tone="success">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p>Token “{created.name}” created. Copy it now: it is not shown again.</p>
                <CopyButton text={created.token} label="Copy the token" />
              </div>
              <code
                data-testid="new-token"
                className="mt-2 block rounded bg-white px-2 py-1 font-mono text-xs break-all select-all"
              >
                {created.token}
              </code>
            </Alert>
          )}
        </div>
      </form>
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">No tokens yet.</p>
      ) : (
        <AdminTable label="API tokens" headings={["Name", "Owner", "Access", "Token", "Created", "Last used"]}>
          {tokens.map((t) => (
            <tr key={t.id} className="border-t border-slate-100">
              <td className="px-3 py-2">{t.name}</td>
              <td className="px-3 py-2">{t.owner.email}</td>
              <td className="px-3 py-2">{t.scope === "READ" ? "Read-only" : "Full"}</td>
              <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="px-3 py-2">{new Date(t.createdAt).toLocaleString()}</td>
              <td className="px-3 py-2">{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : "Never"}</td>
              <td className="px-3 py-2 text-right">
                {t.revokedAt ? (
                  <span className="text-slate-500">Revoked {new Date(t.revokedAt).toLocaleDateString()}</span>
                ) : t.status === "ended" ? (
                  <span
                    className="text-slate-500"
                    title="Its owner's password, role or status changed since it was made"
                  >
                    No longer valid
                  </span>
                ) : (
                  <Button
                    variant="secondary"
                    disabled={revoke.isPending}
                    onClick={() => (revoke.reset(), setRevoking(t))}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke this token?"
          confirmLabel={revoke.isPending ? "Revoking…" : "Revoke token"}
          pending={revoke.isPending}
          error={revoke.error?.message}
          onConfirm={() => revoke.mutate(revoking.id)}
          onClose={() => setRevoking(null)}
        >
          <p>
            Scripts using <strong className="font-semibold">{revoking.name}</strong> ({revoking.prefix}…, of{" "}
            {revoking.owner.email}) stop working at once. A revoked token cannot be restored: a new one has to be
            created.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
