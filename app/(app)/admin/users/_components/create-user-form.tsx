"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch, fieldMessage } from "@/lib/api/client";
import type { CreateUserInput, PublicUser } from "@/lib/users/schemas";
import { USERS_KEY } from "./query-keys";

export function CreateUserForm() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (input: CreateUserInput) =>
      apiFetch<{ user: PublicUser }>("/api/admin/users", { method: "POST", json: input }),
    onSuccess: ({ user }) => {
      setCreated(user.email);
      return queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const err = create.error instanceof ApiClientError ? create.error : null;
  const fieldError = (name: string) => fieldMessage(create.error, name);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setCreated(null);
    create.mutate(
      {
        email: String(data.get("email")),
        name: String(data.get("name") ?? ""),
        role: data.get("role") === "ADMIN" ? "ADMIN" : "ANNOTATOR",
        password: String(data.get("password")),
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form
      onSubmit={onSubmit}
      className="rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Add a user"
      noValidate
    >
      <h2 className="mb-3 font-medium">Add a user</h2>
      <div className="grid gap-3 sm:grid-cols-5 sm:items-end">
        <Field label="Email" name="email" type="email" required error={fieldError("email")} />
        <Field label="Name" name="name" error={fieldError("name")} />
        <SelectField label="Role" name="role" defaultValue="ANNOTATOR">
          <option value="ANNOTATOR">Annotator</option>
          <option value="ADMIN">Admin</option>
        </SelectField>
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={fieldError("password")}
        />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </Button>
      </div>
      <div className="mt-3">
        {err && !err.fields.length && <Alert tone="error">{err.message}</Alert>}
        {created && <Alert tone="success">Added {created}. Give them their password privately.</Alert>}
      </div>
    </form>
  );
}
