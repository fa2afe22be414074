import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// A server made as `next start` makes it (http.createServer, then on SIGTERM server.close() and
// exit once every connection has ended), in a process with web-server-limits.mjs loaded as
// scripts/start.ts loads it, facing a client that sends a header line every 200 ms forever.
const SERVER = `
  const http = require("node:http");
  const server = http.createServer((req, res) => res.end("ok"));
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
  process.on("SIGTERM", () => server.close(() => process.exit(143)));
`;

function start(env: Record<string, string>) {
  const limits = pathToFileURL(path.resolve("lib/runtime/web-server-limits.mjs")).href;
  const child = spawn(process.execPath, [`--import=${limits}`, "-e", SERVER], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited };
}

/** A client that never finishes its headers; resolves when the server closes the connection. */
function staller(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => {});
  socket.write("GET / HTTP/1.1\r\nHost: x\r\n");
  let n = 0;
  const timer = setInterval(() => socket.write(`X-Slow-${n++}: 1\r\n`), 200);
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    closed: closed.finally(() => clearInterval(timer)),
    end: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms))]);

describe("web server connection limits", () => {
  it("closes a connection that never finishes its headers", async () => {
    const server = start({ PORT: "4243", PAIRWISE_HEADERS_TIMEOUT_MS: "1000" });
    await server.ready;
    const client = staller(4243);
    try {
      expect(await within(client.closed, 4_000)).not.toBe("timeout");
    } finally {
      client.end();
      server.child.kill("SIGKILL");
    }
  });

  it("exits after the grace period on SIGTERM, cutting connections still open", async () => {
    const server = start({ PORT: "4244", PAIRWISE_SHUTDOWN_GRACE_MS: "500" });
    await server.ready;
    const client = staller(4244);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      server.child.kill("SIGTERM");
      expect(await within(server.exited, 4_000)).toBe(143);
    } finally {
      client.end();
      server.child.kill("SIGKILL");
    }
  });
});
