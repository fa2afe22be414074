// Loaded into the web server process (`node --import`, see scripts/start.ts) before Next.js
// creates its HTTP server, which `next start` offers no option for. It gives that server:
// - time limits: a client must send its headers within HEADERS_TIMEOUT_MS and its whole request
//   within REQUEST_TIMEOUT_MS, checked every second (Node checks every 30 s by default), so a
//   connection that sends a header line every few seconds forever is closed;
// - an end: on SIGTERM Next.js stops listening and waits for every open connection, and Node
//   stops enforcing the limits above once the server is closing. Idle connections are closed at
//   once and any still open after SHUTDOWN_GRACE_MS (a stalled one, or a request that did not
//   finish in time) are cut, so the process exits instead of living on without its port.
import http from "node:http";
import process from "node:process";
import { setTimeout } from "node:timers";

const ms = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const HEADERS_TIMEOUT_MS = ms("PAIRWISE_HEADERS_TIMEOUT_MS", 20_000);
// Long enough for an upload of IMPORT_MAX_BYTES on a slow link.
export const REQUEST_TIMEOUT_MS = ms("PAIRWISE_REQUEST_TIMEOUT_MS", 10 * 60_000);
export const SHUTDOWN_GRACE_MS = ms("PAIRWISE_SHUTDOWN_GRACE_MS", 10_000);

const servers = new Set();
const createServer = http.createServer;

http.createServer = function limitedCreateServer(...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args.shift() : {};
  const server = createServer.call(
    http,
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1_000, HEADERS_TIMEOUT_MS),
      ...options,
    },
    ...args,
  );
  servers.add(server);
  server.on("close", () => servers.delete(server));
  return server;
};

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const server of servers) server.closeIdleConnections();
  setTimeout(() => {
    for (const server of servers) server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
