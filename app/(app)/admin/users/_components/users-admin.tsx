"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FindUsersField, findUsers } from "@/components/users/find-users";
import { AdminTable } from "@/components/ui/admin-table";
import type { PublicUser } from "@/lib/users/schemas";
import { apiFetch } from "@/lib/api/client";
import { CreateUserForm } from "./create-user-form";
import { USERS_KEY } from "./query-keys";
import { UserRow } from "./user-row";

export interface UsersAdminProps {
  initialUsers: PublicUser[];
  currentUserId: string;
}

export function UsersAdmin({ initialUsers, currentUserId }: UsersAdminProps) {
  const { data: users } = useQuery({
    queryKey: USERS_KEY,
    queryFn: async () => (await apiFetch<{ users: PublicUser[] }>("/api/admin/users")).users,
    initialData: initialUsers,
  });
  const [search, setSearch] = useState("");
  const shown = findUsers(users, search);
  return (
    <div className="space-y-8">
      <CreateUserForm />
      <div className="space-y-3">
        <div className="flex items-end gap-3">
          <FindUsersField value={search} onChange={setSearch} className="w-72" />
          <p className="pb-2 text-sm text-slate-600" aria-live="polite">
            {search.trim() ? `${shown.length} of ${users.length} users` : `${users.length} users`}
          </p>
        </div>
        <AdminTable label="Users" headings={["Email", "Name", "Role", "Status", "Last sign-in"]}>
          {shown.map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === currentUserId} />
          ))}
        </AdminTable>
      </div>
    </div>
  );
}
