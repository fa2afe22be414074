// One export in a process of its own, so its peak memory is the export's alone. Prints one JSON
// line: rows and bytes written, seconds, and the process's peak resident memory (VmHWM).
import { readFileSync } from "node:fs";
import { exportStream } from "@/lib/export/engine";
import { exportOptionsSchema } from "@/lib/export/options";

async function main() {
  const [projectId, options = "{}"] = process.argv.slice(2);
  if (!projectId) throw new Error("usage: export-process.ts <projectId> [options JSON]");
  const started = performance.now();
  let bytes = 0;
  let rows = 0;
  for await (const chunk of exportStream(projectId, exportOptionsSchema.parse(JSON.parse(options)))) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  const hwm = readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+) kB/);
  console.log(JSON.stringify({ rows, bytes, seconds, peakMb: hwm ? Number(hwm[1]) / 1024 : null }));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
