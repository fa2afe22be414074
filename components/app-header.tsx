import { Link } from "@/components/ui/link";
import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

export interface AppHeaderProps {
  user: SessionUser;
}

export function AppHeader({ user }: AppHeaderProps) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
        <Link href="/" className="font-semibold text-indigo-700">
          Pairwise
        </Link>
        <nav className="flex gap-4 text-sm text-slate-700">
          <Link href="/projects">Projects</Link>
          {user.role === "ADMIN" && <Link href="/admin/users">Users</Link>}
          {user.role === "ADMIN" && <Link href="/admin/endpoints">Endpoints</Link>}
          {user.role === "ADMIN" && <Link href="/admin/tokens">API tokens</Link>}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm" data-testid="current-user">
          <span>
            {user.name && <span className="font-medium">{user.name} </span>}
            <span className="text-slate-600">{user.email}</span>
          </span>
          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            {user.role === "ADMIN" ? "Admin" : "Annotator"}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
