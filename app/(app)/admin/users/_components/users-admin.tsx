"use client";

import { useQuery } from "@tanstack/react-query";
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
  return (
    <div className="space-y-8">
      <CreateUserForm />
      <AdminTable label="Users" headings={["Email", "Name", "Role", "Status", "Last sign-in"]}>
        {users.map((u) => (
          <UserRow key={u.id} user={u} isSelf={u.id === currentUserId} />
        ))}
      </AdminTable>
    </div>
  );
}
