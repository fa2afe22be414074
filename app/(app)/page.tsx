import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";

export default async function HomePage() {
  const user = await requireUser();
  return (
    <main>
      <h1 className="text-2xl font-semibold">Welcome, {user.name || user.email}</h1>
      {user.role === "ADMIN" ? (
        <p className="mt-2 text-slate-600">
          Add the people who will label pairs on the <Link href="/admin/users" className="text-indigo-600 underline">Users</Link> page.
        </p>
      ) : (
        <p className="mt-2 text-slate-600">You are signed in as an annotator. There is nothing to label yet.</p>
      )}
    </main>
  );
}
