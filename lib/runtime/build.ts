import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// `npm start` builds only when the sources changed since the last build: a content hash of
// everything that goes into the bundle, kept beside the build output.
const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = [
  "prisma/schema.prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
// Tests and the test support under lib/testing are not bundled: changing them needs no build.
const SKIP = /(^|\/)(generated|node_modules)(\/|$)|^lib\/testing(\/|$)|\.test\.tsx?$/;
const STAMP = path.join(".next", "pairwise-source-hash");

function walk(dir: string, out: string[]) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.posix.join(dir, entry.name);
    if (SKIP.test(p)) continue;
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.posix.join(".", d), files);
  for (const f of INPUT_FILES) if (existsSync(path.join(root, f))) files.push(f);
  const h = createHash("sha256");
  for (const f of files.sort()) {
    h.update(f)
      .update("\0")
      .update(readFileSync(path.join(root, f)))
      .update("\0");
  }
  return h.digest("hex");
}

export function buildIsCurrent(root: string): boolean {
  const stamp = path.join(root, STAMP);
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    statSync(stamp).isFile() &&
    readFileSync(stamp, "utf8") === sourceHash(root)
  );
}

export function markBuilt(root: string, hash: string): void {
  writeFileSync(path.join(root, STAMP), hash);
}
