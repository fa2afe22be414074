import {
  APICallError,
  EmptyResponseBodyError,
  InvalidArgumentError,
  InvalidPromptError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  NoOutputGeneratedError,
  NoSuchModelError,
  RetryError,
  TypeValidationError,
  UnsupportedFunctionalityError,
} from "ai";
import { httpErrorMessage, notFoundHint, sanitizeMessage } from "./error-message";
import { RedirectRefusedError } from "./no-redirect-fetch";
import { parseRetryAfterMs } from "./retry-after";

export type ModelErrorKind =
  | "rate_limited"
  | "server"
  | "network"
  | "timeout"
  | "malformed"
  | "auth"
  | "forbidden"
  | "model_not_found"
  | "bad_request"
  | "unknown";

export interface ModelErrorInfo {
  kind: ModelErrorKind;
  /** Whether the same call may succeed later; the others stop a run. */
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** Short, human-readable, and never containing the API key. */
  message: string;
}

const RETRYABLE: Record<ModelErrorKind, boolean> = {
  rate_limited: true,
  server: true,
  network: true,
  timeout: true,
  malformed: true,
  auth: false,
  forbidden: false,
  model_not_found: false,
  bad_request: false,
  unknown: false,
};

/** What callModel throws: the classification, already safe to show, with the raw error left behind. */
export class ModelCallError extends Error {
  constructor(readonly info: ModelErrorInfo) {
    super(info.message);
    this.name = "ModelCallError";
  }
}

const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|ETIMEDOUT|UND_ERR_\w+|ConnectionRefused|ConnectionClosed|FailedToOpenSocket)$/;

function causes(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e != null && out.length < 8 && !out.includes(e); e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

const named = (e: unknown, name: string) => (e as { name?: unknown })?.name === name;

function kindForStatus(status: number): ModelErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "model_not_found";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  if (status >= 400) return "bad_request";
  return "malformed"; // a success status whose body the SDK could not read
}

const MALFORMED = "Malformed response from the model server: not a chat completion";

function info(kind: ModelErrorKind, message: string, extra: Partial<ModelErrorInfo> = {}): ModelErrorInfo {
  return { kind, retryable: RETRYABLE[kind], message, ...extra };
}

function fromApiCallError(err: APICallError): ModelErrorInfo {
  const status = err.statusCode;
  if (status == null) return info("network", `Network error: ${err.message}`);
  const kind = kindForStatus(status);
  if (kind === "malformed") return info(kind, MALFORMED, { status });
  const retryAfterMs = parseRetryAfterMs(err.responseHeaders);
  // Only a provider's JSON error becomes the message (the SDK parsed it); otherwise it is the
  // status text, and the response body itself is never passed on.
  const hint = notFoundHint(status, err.url);
  const message = `${httpErrorMessage(status, err.data === undefined ? undefined : err.message)}${hint ? `. ${hint}` : ""}`;
  return info(kind, message, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

function classifyRaw(err: unknown): ModelErrorInfo {
  if (err instanceof ModelCallError) return err.info;
  if (RetryError.isInstance(err)) return classifyRaw(err.lastError);
  const chain = causes(err);
  const redirect = chain.find((e) => e instanceof RedirectRefusedError);
  if (redirect) return info("bad_request", redirect.message, { status: redirect.status });
  if (chain.some((e) => named(e, "TimeoutError"))) return info("timeout", "The model did not answer in time");
  if (APICallError.isInstance(err)) return fromApiCallError(err);
  if (named(err, "AbortError") || named(err, "ResponseAborted")) return info("unknown", "The call was cancelled");
  if (
    [
      JSONParseError,
      TypeValidationError,
      InvalidResponseDataError,
      EmptyResponseBodyError,
      NoContentGeneratedError,
      NoOutputGeneratedError,
    ].some((type) => type.isInstance(err))
  ) {
    // These errors quote the whole body they could not read: it is not the caller's to see.
    return info("malformed", MALFORMED);
  }
  if (LoadAPIKeyError.isInstance(err)) return info("auth", "No API key is set for this endpoint");
  if (NoSuchModelError.isInstance(err)) return info("model_not_found", (err as Error).message);
  if ([InvalidPromptError, InvalidArgumentError, UnsupportedFunctionalityError].some((type) => type.isInstance(err))) {
    return info("bad_request", (err as Error).message);
  }
  const network = chain.find((e) => NETWORK_CODES.test(String((e as { code?: unknown })?.code ?? "")));
  if (network || (err instanceof TypeError && /fetch failed/i.test(err.message))) {
    return info("network", `Network error: ${((network ?? err) as Error).message}`);
  }
  return info("unknown", err instanceof Error ? err.message : String(err));
}

/**
 * What went wrong with a model call and whether retrying can help. `secrets` (the endpoint's
 * API key) are scrubbed from the message in case a provider echoes them back.
 */
export function classifyModelError(
  err: unknown,
  opts: { secrets?: readonly (string | null | undefined)[] } = {},
): ModelErrorInfo {
  const result = classifyRaw(err);
  return { ...result, message: sanitizeMessage(result.message || result.kind, opts.secrets) };
}
