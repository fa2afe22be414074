import type { JsonSchema } from "./json-schema";

/** Injected fault probabilities, each in [0, 1]; their sum is capped at 1. */
export interface FaultRates {
  rate429?: number;
  rate500?: number;
  rateTimeout?: number;
  rateMalformed?: number;
  rateTruncated?: number;
}

export type FaultKind = "429" | "500" | "timeout" | "malformed" | "truncated";

export interface ChatMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: { name?: string; schema?: JsonSchema; strict?: boolean; description?: string };
    };

/**
 * Which kind of server to emulate. full: json_schema and json_object honoured (OpenAI, recent
 * vLLM). json-mode: json_schema refused with a 400, json_object honoured. none: response_format
 * ignored, the answer is text (many llama.cpp and TGI setups).
 */
export type StructuredSupport = "full" | "json-mode" | "none";

/** A validated Chat Completions request, as handed to the `respond` hook. */
export interface ParsedChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  /** `max_completion_tokens` when the client sent that instead. */
  max_tokens?: number;
  seed?: number;
  stream: boolean;
  include_usage: boolean;
  response_format?: ResponseFormat;
  raw: Record<string, unknown>;
  /** Which API it came through: Anthropic's Messages requests are shown in Chat Completions form. */
  api: "chat" | "messages";
  /** The credential header as received (`authorization` for chat, `x-api-key` for messages); undefined when absent. */
  credential?: string;
}

export interface ModelServerOptions {
  /** 0 (default) picks a free port. Fixed at start; `configure` cannot change it. */
  port?: number;
  /** Model ids served; default `["test-strong", "test-weak"]`. */
  models?: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Mixed into fault and jitter decisions, so different seeds fail different requests. */
  seed?: number;
  latencyMs?: number;
  latencyJitterMs?: number;
  maxConcurrency?: number;
  requestsPerMinute?: number;
  /** `Retry-After` sent with every 429; default 1. */
  retryAfterSeconds?: number;
  faults?: FaultRates;
  /** How long a `timeout` fault holds the request before dropping the socket; default 60 000. */
  hangMs?: number;
  /** Structured output this server supports; default "full". */
  structured?: StructuredSupport;
  /** Sees every request that was read far enough to parse, whether it is then answered or refused. */
  onRequest?: (request: ParsedChatRequest) => void;
  /** A non-undefined return value replaces the generated content verbatim. */
  respond?: (request: ParsedChatRequest) => string | undefined;
  /** Sees each attempt once its latency has passed: which request, its attempt number, and the fault it drew. */
  onAttempt?: (attempt: AttemptRecord) => void;
}

/** One answered attempt (`--attempt-log` writes one per line). */
export interface AttemptRecord {
  /** When its latency ended and its answer (or fault) went out, in ms since the epoch. */
  at: number;
  /** The request's fingerprint: the same body retried has the same one. */
  request: string;
  /** 0 for the first attempt of that body. */
  attempt: number;
  fault: FaultKind | null;
}

export interface ModelServerStats {
  /** Every HTTP request received, whatever its outcome. */
  requests: number;
  byStatus: Record<number, number>;
  maxConcurrentSeen: number;
  inFlight: number;
  /** 200 answers that were not broken on purpose (malformed or truncated faults). */
  completions: number;
  /** Chat requests per (known) model, counted before rate limits and faults. */
  byModel: Record<string, number>;
  /** Completions for a body that had already been completed once. */
  duplicateSuccesses: number;
  faults: Record<FaultKind, number>;
  /** Tokens served: the usage reported by every answer sent whole (truncated ones included, malformed ones not). */
  tokens: { prompt: number; completion: number };
}

export interface ModelServer {
  /** e.g. `http://127.0.0.1:41234/v1` */
  readonly baseUrl: string;
  readonly port: number;
  configure(options: Omit<ModelServerOptions, "port">): void;
  stats(): ModelServerStats;
  /** Zeroes the counters and forgets attempt history, as if freshly started. */
  resetStats(): void;
  close(): Promise<void>;
}
