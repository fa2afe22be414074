import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { handleChat, type ServerContext } from "./chat";
import { AttemptLog } from "./faults";
import { BodyTooLargeError, Reply } from "./http";
import { handleMessages } from "./messages";
import { RequestLimiter } from "./limits";
import { resolveOptions, type ResolvedOptions } from "./options";
import { StatsRecorder } from "./stats";
import type { ModelServer, ModelServerOptions } from "./types";

const OWNER = "pairwise-test";

function authorized(req: IncomingMessage, apiKey: string | undefined): boolean {
  return apiKey === undefined || req.headers.authorization === `Bearer ${apiKey}`;
}

function modelEntry(id: string) {
  return { id, object: "model", created: 0, owned_by: OWNER };
}

async function route(ctx: ServerContext, req: IncomingMessage, reply: Reply): Promise<void> {
  const options = ctx.options();
  const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname.replace(/\/+$/, "");
  const method = req.method ?? "GET";
  // Anthropic's API checks its own header (x-api-key), inside the handler.
  if (path === "/v1/messages" && method === "POST") return handleMessages(ctx, req, reply);
  // The live counters, for watching a trial while it runs: no key needed, and no model output in them.
  if (path === "/stats" && method === "GET") return reply.json(200, ctx.stats.snapshot(ctx.limiter.inFlight));
  if (!authorized(req, options.apiKey)) {
    const message = "Incorrect API key provided to the test model server.";
    return reply.error(401, { message, type: "invalid_request_error", code: "invalid_api_key" });
  }
  if (path === "/v1/chat/completions") {
    if (method === "POST") return handleChat(ctx, req, reply);
  } else if (path === "/v1/models") {
    if (method === "GET") return reply.json(200, { object: "list", data: options.models.map(modelEntry) });
  } else if (path.startsWith("/v1/models/")) {
    const id = decodeURIComponent(path.slice("/v1/models/".length));
    if (method === "GET" && options.models.includes(id)) return reply.json(200, modelEntry(id));
    if (method === "GET") {
      return reply.error(404, {
        message: `The model '${id}' does not exist.`,
        type: "invalid_request_error",
        code: "model_not_found",
      });
    }
  } else {
    return reply.error(404, {
      message: `Unknown request URL: ${method} ${path}.`,
      type: "invalid_request_error",
      code: "unknown_url",
    });
  }
  return reply.error(405, { message: `Method ${method} is not allowed on ${path}.`, type: "invalid_request_error" });
}

/** Starts the fixture on 127.0.0.1; it answers with synthetic text and is never a real model. */
export async function startModelServer(initial: ModelServerOptions = {}): Promise<ModelServer> {
  let options: ResolvedOptions = resolveOptions({}, initial);
  const ctx: ServerContext = {
    options: () => options,
    stats: new StatsRecorder(),
    limiter: new RequestLimiter(),
    attempts: new AttemptLog(),
  };

  const server = createServer((req, res) => {
    ctx.stats.request();
    const reply = new Reply(res, (status) => ctx.stats.status(status));
    route(ctx, req, reply).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof BodyTooLargeError)
        return reply.error(413, { message: err.message, type: "invalid_request_error" });
      reply.error(500, { message: `test model server failed: ${(err as Error).message}`, type: "server_error" });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: initial.port ?? 0, host: "127.0.0.1" }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    configure(patch) {
      if ("port" in patch) throw new Error("the port is fixed once the server has started");
      options = resolveOptions(options, patch);
    },
    stats: () => ctx.stats.snapshot(ctx.limiter.inFlight),
    resetStats() {
      ctx.stats.reset(ctx.limiter.inFlight);
      ctx.attempts.clear();
      ctx.limiter.resetWindow();
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive and deliberately hanging requests would otherwise hold close() open forever.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
