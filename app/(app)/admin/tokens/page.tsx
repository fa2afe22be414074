import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listTokens } from "@/lib/tokens/tokens";
import { TokensAdmin } from "./_components/tokens-admin";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireRole("ADMIN");
  const tokens = await listTokens();
  return (
    <div>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Personal tokens let scripts call the API as you, for example{" "}
        <code className="rounded bg-slate-100 px-1">npm run export</code> or{" "}
        <code className="rounded bg-slate-100 px-1">curl -H &quot;Authorization: Bearer …&quot;</code>. A token has your
        role, or only read access (reading and exports). No token can manage users or tokens. Tokens stop working when
        their owner&apos;s password, role or status changes. Every admin sees every token here: revoke one when a script
        no longer needs it or it may have leaked.
      </p>
      <TokensAdmin initialTokens={tokens} />
    </div>
  );
}
