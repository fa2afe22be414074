import { Link } from "@/components/ui/link";
import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

export interface AppHeaderProps {
  user: SessionUser;
}

export function AppHeader({ user }: AppHeaderProps) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* Wraps on a narrow screen (390 px: the links and the account were 465 px side by side). */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="font-semibold text-indigo-700">
          Pairwise
        </Link>
        <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
          <Link href="/projects">Projects</Link>
          {user.role === "ADMIN" && <Link href="/admin/users">Users</Link>}
          {user.role === "ADMIN" && <Link href="/admin/endpoints">Endpoints</Link>}
          {user.role === "ADMIN" && <Link href="/admin/tokens">API tokens</Link>}
        </nav>
        <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="current-user">
          <span className="min-w-0 break-all">
            {user.name && <span className="font-medium">{user.name} </span>}
            <span className="text-slate-600">{user.email}</span>
          </span>
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            {user.role === "ADMIN" ? "Admin" : "Annotator"}
          </span>
          <SignOutButton userId={user.id} />
        </div>
      </div>
    </header>
  );
}
