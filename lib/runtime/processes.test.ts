import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { spawnTsScript, waitForExit } from "./processes";

const dir = mkdtempSync(path.join(os.tmpdir(), "pairwise-processes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("lets a script whose event loop is busy when SIGTERM comes finish its own shutdown", async () => {
  // Like a worker storing results: the loop is rarely free, and the handler runs once it is.
  const script = path.join(dir, "busy.ts");
  writeFileSync(
    script,
    `process.on("SIGTERM", () => { console.log("stopping"); setTimeout(() => process.exit(0), 100); });
     console.log("up");
     setInterval(() => { const until = Date.now() + 300; while (Date.now() < until); }, 1);`,
  );
  const child = spawnTsScript(script, process.env, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  while (!output.includes("up")) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  child.kill("SIGTERM");
  expect(await waitForExit(child)).toBe(0);
  expect(output).toContain("stopping");
});
