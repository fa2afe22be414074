import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listTokens } from "@/lib/tokens/tokens";
import { TokensAdmin } from "./_components/tokens-admin";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const admin = await requireRole("ADMIN");
  const tokens = await listTokens(admin.id);
  return (
    <main>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Personal tokens let scripts call the API as you, for example{" "}
        <code className="rounded bg-slate-100 px-1">npm run export</code> or{" "}
        <code className="rounded bg-slate-100 px-1">curl -H &quot;Authorization: Bearer …&quot;</code>. A token has your role; revoke it
        when a script no longer needs it.
      </p>
      <TokensAdmin initialTokens={tokens} />
    </main>
  );
}
