import { STATUS_CODES } from "node:http";

const MAX_LENGTH = 300;

// Shapes of credentials that providers sometimes echo back in error bodies.
const KEY_PATTERNS: [RegExp, string][] = [
  [/\b(sk|pk|rk|sess)-[A-Za-z0-9_-]{6,}/g, "$1-[redacted]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, "$1 [redacted]"],
  [/\b(api[_-]?key|x-api-key|key)(["']?\s*[:=]\s*["']?)[A-Za-z0-9._-]{12,}/gi, "$1$2[redacted]"],
];

/**
 * Makes provider text safe and short enough to show and store: known secrets and anything
 * shaped like a key are replaced, whitespace collapsed, and the length capped.
 */
export function sanitizeMessage(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  for (const [pattern, replacement] of KEY_PATTERNS) out = out.replace(pattern, replacement);
  out = out.replace(/\s+/g, " ").trim();
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH - 1)}…` : out;
}

/** A provider's own error text is shown cut to this length: enough to say what is wrong. */
const PROVIDER_DETAIL_LENGTH = 200;

/**
 * "429 Too Many Requests: Rate limit reached…". The detail is only ever the provider's JSON
 * `error.message` (what the SDK parsed): a response body in any other shape is never shown, since
 * the base URL may point at an internal service whose pages an admin or a leaked token must not
 * read through the endpoint Test or a run's errors.
 */
export function httpErrorMessage(status: number, providerMessage: string | undefined): string {
  const statusText = STATUS_CODES[status];
  const head = `${status} ${statusText ?? "Error"}`;
  const detail = providerMessage?.replace(/\s+/g, " ").trim();
  if (!detail || detail === statusText) return head;
  return `${head}: ${detail.length > PROVIDER_DETAIL_LENGTH ? `${detail.slice(0, PROVIDER_DETAIL_LENGTH - 1)}…` : detail}`;
}

/**
 * The usual cause of a 404 from an OpenAI-compatible server: a base URL without its version
 * (http://host:8000 instead of http://host:8000/v1), so the call went to /chat/completions.
 * Only the path is looked at, and nothing of the URL is repeated.
 */
export function notFoundHint(status: number, url: string | undefined): string | undefined {
  if (status !== 404 || !url) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (!/\/chat\/completions\/?$/.test(pathname) || /\/v\d[^/]*\//.test(pathname)) return undefined;
  return "The base URL probably lacks /v1: the call went to /chat/completions without a version.";
}
