"use client";

import { useSyncExternalStore } from "react";
import { Link } from "@/components/ui/link";
import { CopyButton } from "@/components/ui/copy-button";
import { exportCommands } from "@/lib/export/cli-flags";

export interface ExportCommandsProps {
  projectId: string;
  /** The export API query the form has set up. */
  query: string;
}

const noSubscription = () => () => {};

/** The same export from a terminal, ready to paste: the CLI and curl, each with a copy button. */
export function ExportCommands({ projectId, query }: ExportCommandsProps) {
  // The address the admin reached the app at; only known in the browser (it never changes).
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "http://localhost:3000",
  );
  const { cli, curl } = exportCommands(projectId, query, origin);
  const rows = [
    { name: "npm run export", text: cli, label: "Copy the npm run export command" },
    { name: "curl", text: curl, label: "Copy the curl command" },
  ];
  return (
    <section aria-labelledby="export-commands" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="export-commands" className="font-medium">
        From a terminal
      </h2>
      <p className="text-sm text-slate-600">
        The same export, with the options above. Both read an API token from <code>PAIRWISE_TOKEN</code> (create one on
        the{" "}
        <Link href="/admin/tokens" className="text-indigo-700 underline">
          API tokens
        </Link>{" "}
        page); the project id is <code data-testid="project-id">{projectId}</code>.
      </p>
      {rows.map((r) => (
        <div key={r.name} className="space-y-1">
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs font-medium text-slate-700">{r.name}</span>
            <CopyButton text={r.text} label={r.label} />
          </div>
          <pre
            tabIndex={0}
            className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
            aria-label={`${r.name} command`}
          >
            <code>{r.text}</code>
          </pre>
        </div>
      ))}
    </section>
  );
}
