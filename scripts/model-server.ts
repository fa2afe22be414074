// A loopback OpenAI-compatible (and Anthropic Messages) TEST FIXTURE for local trials of generation and judging.
// It returns synthetic text (echo + filler words), never output from a real model:
//   npx tsx scripts/model-server.ts --port 4010 --latency 200 --concurrency 32 --fault-429 0.05 --models test-strong,test-weak
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { startModelServer, type ModelServerOptions, type StructuredSupport } from "@/lib/testing/model-server";

const USAGE = `usage: npx tsx scripts/model-server.ts [options]
  --port N              listen on 127.0.0.1:N (default: a free port)
  --models a,b          model ids to serve (default: test-strong,test-weak)
  --api-key KEY         require "Authorization: Bearer KEY"
  --latency MS          delay before each answer (or first streamed chunk)
  --jitter MS           extra deterministic delay, 0..MS
  --concurrency N       answer 429 beyond N requests in flight
  --rpm N               answer 429 beyond N requests per minute
  --retry-after S       Retry-After seconds on 429 (default 1)
  --fault-429 R, --fault-500 R, --fault-timeout R, --fault-malformed R, --fault-truncated R
                        injected fault rates in [0, 1]
  --hang-ms MS          how long a timeout fault holds the socket (default 60000)
  --seed N              changes which requests the faults hit
  --attempt-log FILE    write one JSON line per answered attempt to FILE: when it was answered,
                        the request's fingerprint (a retry has the same), its attempt number
                        (0 first) and the fault it drew, if any
  --structured MODE     full (default): json_schema and json_object honoured;
                        json-mode: json_schema refused with a 400, json_object honoured;
                        none: response_format ignored, answers are text
  Anthropic clients: POST /v1/messages with x-api-key (base URL http://127.0.0.1:PORT/v1);
                        limits, latency and faults apply there too, in Anthropic's error shapes
  GET /stats            live counters as JSON (requests, statuses, faults, tokens served), the
                        same snapshot printed on SIGINT/SIGTERM`;

const text = { type: "string" } as const;
const OPTIONS = {
  help: { type: "boolean", short: "h" },
  port: text,
  models: text,
  "api-key": text,
  latency: text,
  jitter: text,
  concurrency: text,
  rpm: text,
  "retry-after": text,
  "hang-ms": text,
  seed: text,
  structured: text,
  "attempt-log": text,
  "fault-429": text,
  "fault-500": text,
  "fault-timeout": text,
  "fault-malformed": text,
  "fault-truncated": text,
} as const;

function number(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value))
    throw new Error(`--${name} needs a number, got "${raw}"`);
  return value;
}

function parseOptions(argv: string[]): { server: ModelServerOptions; attemptLog?: string } | undefined {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
  if (values.help) return undefined;
  const models = values.models
    ?.split(",")
    .map((m) => m.trim())
    .filter(Boolean);
  const structured = values.structured;
  if (structured !== undefined && !["full", "json-mode", "none"].includes(structured)) {
    throw new Error(`--structured must be full, json-mode or none, got "${structured}"`);
  }
  const server: ModelServerOptions = {
    structured: structured as StructuredSupport | undefined,
    port: number(values, "port"),
    models,
    apiKey: values["api-key"],
    latencyMs: number(values, "latency"),
    latencyJitterMs: number(values, "jitter"),
    maxConcurrency: number(values, "concurrency"),
    requestsPerMinute: number(values, "rpm"),
    retryAfterSeconds: number(values, "retry-after"),
    hangMs: number(values, "hang-ms"),
    seed: number(values, "seed"),
    faults: {
      rate429: number(values, "fault-429"),
      rate500: number(values, "fault-500"),
      rateTimeout: number(values, "fault-timeout"),
      rateMalformed: number(values, "fault-malformed"),
      rateTruncated: number(values, "fault-truncated"),
    },
  };
  return { server, attemptLog: values["attempt-log"] };
}

async function main() {
  const parsed = parseOptions(process.argv.slice(2));
  if (!parsed) return console.log(USAGE);
  const { server: options } = parsed;
  const attemptLog = parsed.attemptLog ? createWriteStream(parsed.attemptLog) : undefined;
  attemptLog?.on("error", (err) => {
    console.error(`[model-server] --attempt-log ${parsed.attemptLog}: ${err.message}`);
    process.exit(2);
  });
  if (attemptLog) options.onAttempt = (a) => void attemptLog.write(`${JSON.stringify(a)}\n`);
  const server = await startModelServer(options);
  console.log("[model-server] TEST FIXTURE: answers are synthetic text, not output from any real model.");
  console.log(
    `[model-server] base URL ${server.baseUrl}  models ${(options.models ?? ["test-strong", "test-weak"]).join(", ")}`,
  );
  console.log("[model-server] Ctrl+C to stop");

  const stop = async (signal: string) => {
    console.log(`[model-server] ${signal}: stopping; stats ${JSON.stringify(server.stats())}`);
    await server.close();
    if (attemptLog) await new Promise((resolve) => attemptLog.end(resolve));
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(`[model-server] ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
});
