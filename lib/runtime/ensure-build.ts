import { buildIsCurrent, markBuilt, sourceHash } from "./build";
import { runPrisma } from "./prisma-cli";
import { runToEnd } from "./processes";

/** Generates the Prisma client and runs `next build` unless the last build matches the sources. */
export async function ensureBuild(root: string, log: (msg: string) => void): Promise<void> {
  if (buildIsCurrent(root)) return;
  log("Building the web app (sources changed since the last build)…");
  const hash = sourceHash(root);
  const generated = await runPrisma(["generate"]);
  if (generated.code !== 0) throw new Error(`prisma generate failed:\n${generated.output}`);
  const code = await runToEnd("next/dist/bin/next", ["build"], { NEXT_TELEMETRY_DISABLED: "1", ...process.env });
  if (code !== 0) throw new Error("The build failed (see above)");
  markBuilt(root, hash);
}
