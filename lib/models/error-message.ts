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

/**
 * "429 Too Many Requests: Rate limit reached…". When the provider's body was not its usual JSON,
 * the SDK's message is only the status text; a short plain-text body says more then.
 */
export function httpErrorMessage(status: number, providerMessage: string | undefined, responseBody?: string): string {
  const statusText = STATUS_CODES[status];
  const head = `${status} ${statusText ?? "Error"}`;
  let detail = providerMessage?.trim();
  if (!detail || detail === statusText) detail = plainBodyDetail(responseBody);
  return detail && detail !== statusText ? `${head}: ${detail}` : head;
}

function plainBodyDetail(responseBody: string | undefined): string | undefined {
  const body = responseBody?.trim();
  // An HTML error page from a proxy tells nobody anything.
  return body && !body.startsWith("<") ? body : undefined;
}
