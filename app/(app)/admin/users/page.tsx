import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listUsers } from "@/lib/users/users";
import { UsersAdmin } from "./_components/users-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireRole("ADMIN");
  const users = await listUsers();
  return (
    <div>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Admins configure projects and export data; annotators label pairs.
      </p>
      <UsersAdmin initialUsers={users} currentUserId={admin.id} />
    </div>
  );
}
