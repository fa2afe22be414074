import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

// A POST to a page (any path the proxy runs on) costs almost nothing, however much is sent: Next.js
// keeps a copy of the body for the page behind the proxy only up to the configured size, and drops
// the rest as it arrives. Checked with Next.js's own config loader and body copier.
const require = createRequire(import.meta.url);
const { default: loadConfig } = require("next/dist/server/config") as {
  default: (phase: string, dir: string) => Promise<{ experimental: { proxyClientMaxBodySize?: number } }>;
};
const { getCloneableBody } = require("next/dist/server/body-streams") as {
  getCloneableBody: (
    req: Readable,
    limit?: number,
  ) => { cloneBodyStream: () => Readable; finalize: () => Promise<void> };
};

describe("bodies sent to pages", () => {
  it("are kept up to 1 KB for the proxy, not Next.js's default 10 MB", async () => {
    const config = await loadConfig("phase-production-server", process.cwd());
    const limit = config.experimental.proxyClientMaxBodySize;
    expect(limit).toBeLessThanOrEqual(1024);

    const body = new Readable({ read() {} });
    const cloneable = getCloneableBody(body, limit);
    cloneable.cloneBodyStream().resume(); // the proxy's copy, read by the proxy
    const piece = Buffer.alloc(64 * 1024, "a");
    for (let i = 0; i < 80; i++) body.push(piece); // 5 MB
    body.push(null);
    await cloneable.finalize();
    // What was held in memory for the page: the body as the page would now read it.
    let kept = 0;
    for await (const chunk of body) kept += (chunk as Buffer).length;
    expect(kept).toBeLessThanOrEqual(1024);
  });
});
