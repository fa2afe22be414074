"use client";

import { useQuery } from "@tanstack/react-query";
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
  return (
    <div className="space-y-8">
      <CreateUserForm />
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2 font-medium">Email</th>
            <th className="px-3 py-2 font-medium">Name</th>
            <th className="px-3 py-2 font-medium">Role</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Last sign-in</th>
            <th className="px-3 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === currentUserId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
