import { APICallError, LoadAPIKeyError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { classifyModelError } from "./errors";
import { parseRetryAfterMs } from "./retry-after";

// As the SDK builds it from a provider's JSON error: `data` is the parsed body, `message` its error.message.
const apiError = (
  statusCode: number | undefined,
  message: string,
  extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {},
) =>
  new APICallError({
    message,
    url: "https://api.example.test/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    data: { error: { message } },
    ...extra,
  });

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");

  it("reads delay-seconds, fractional seconds and retry-after-ms, preferring the latter", () => {
    expect(parseRetryAfterMs({ "retry-after": "3" }, now)).toBe(3000);
    expect(parseRetryAfterMs({ "Retry-After": " 1.5 " }, now)).toBe(1500);
    expect(parseRetryAfterMs({ "retry-after-ms": "250.4", "retry-after": "3" }, now)).toBe(251);
  });

  it("reads an HTTP date as the time left until then, never negative", () => {
    expect(parseRetryAfterMs({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }, now)).toBe(30_000);
    expect(parseRetryAfterMs({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }, now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs({}, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "-5" }, now)).toBeUndefined();
  });
});

describe("classifyModelError", () => {
  it("maps statuses to kinds, retrying only what may change", () => {
    const cases: [number, string, boolean][] = [
      [400, "bad_request", false],
      [401, "auth", false],
      [403, "forbidden", false],
      [404, "model_not_found", false],
      [408, "timeout", true],
      [422, "bad_request", false],
      [429, "rate_limited", true],
      [500, "server", true],
      [503, "server", true],
      [529, "server", true],
    ];
    for (const [status, kind, retryable] of cases) {
      expect(classifyModelError(apiError(status, "x")), String(status)).toMatchObject({ kind, retryable, status });
    }
  });

  it("takes Retry-After from a 429's headers, and unwraps the SDK's RetryError", () => {
    const err = apiError(429, "Rate limit reached for gpt-4o", { responseHeaders: { "retry-after": "20" } });
    const wrapped = new RetryError({ message: "Failed after 3 attempts", reason: "maxRetriesExceeded", errors: [err] });
    expect(classifyModelError(wrapped)).toEqual({
      kind: "rate_limited",
      retryable: true,
      status: 429,
      retryAfterMs: 20_000,
      message: "429 Too Many Requests: Rate limit reached for gpt-4o",
    });
  });

  it("shows only the status when the body was not a provider's JSON error, never the body itself", () => {
    // The SDK falls back to the status text as message; the body may be an internal service's page.
    const plain = { data: undefined, responseBody: "upstream connect error to 10.0.0.7: secret" };
    expect(classifyModelError(apiError(502, "Bad Gateway", plain)).message).toBe("502 Bad Gateway");
    expect(classifyModelError(apiError(404, "custom reason phrase", plain)).message).toBe("404 Not Found");
    expect(
      classifyModelError(
        apiError(502, "Bad Gateway", { data: undefined, responseBody: "<html><body>502</body></html>" }),
      ).message,
    ).toBe("502 Bad Gateway");
  });

  it("suggests /v1 for a 404 on /chat/completions when the base URL has no version", () => {
    const at = (url: string) => classifyModelError(apiError(404, "Not Found", { url, data: undefined })).message;
    expect(at("http://gpu-box:8000/chat/completions")).toBe(
      "404 Not Found. The base URL probably lacks /v1: the call went to /chat/completions without a version.",
    );
    expect(classifyModelError(apiError(404, "Not Found", { url: "http://gpu-box:8000/chat/completions" })).kind).toBe(
      "model_not_found",
    );
    // A versioned path 404s for another reason (an unknown model, say): no hint.
    expect(at("http://gpu-box:8000/v1/chat/completions")).toBe("404 Not Found");
    expect(at("https://openrouter.ai/api/v1/chat/completions")).toBe("404 Not Found");
    expect(at("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions")).toBe("404 Not Found");
    expect(
      classifyModelError(apiError(400, "Bad Request", { url: "http://gpu-box:8000/chat/completions", data: undefined }))
        .message,
    ).toBe("400 Bad Request");
  });

  it("cuts a provider's error message to 200 characters", () => {
    const { message } = classifyModelError(apiError(400, `Invalid request: ${"y".repeat(1000)}`));
    expect(message).toMatch(/^400 Bad Request: Invalid request: y+…$/);
    expect(message.length).toBe("400 Bad Request: ".length + 200);
  });

  it("calls connection failures network errors and a missing key an auth error", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" });
    expect(classifyModelError(new TypeError("fetch failed", { cause: refused }))).toMatchObject({
      kind: "network",
      retryable: true,
    });
    expect(
      classifyModelError(apiError(undefined, "Cannot connect to API: other side closed", { isRetryable: true })),
    ).toMatchObject({
      kind: "network",
      retryable: true,
    });
    expect(classifyModelError(new LoadAPIKeyError({ message: "OpenAI API key is missing" }))).toMatchObject({
      kind: "auth",
      retryable: false,
    });
  });

  it("keeps messages short and scrubs the key, and anything shaped like one, from them", () => {
    const key = "sk-proj-SECRETSECRETSECRET1234";
    const echoed = apiError(
      401,
      `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com.`,
    );
    const info = classifyModelError(echoed, { secrets: [key] });
    expect(info.message).toBe(
      "401 Unauthorized: Incorrect API key provided: [redacted]. You can find your API key at https://platform.openai.com.",
    );
    expect(classifyModelError(echoed).message).not.toContain("SECRETSECRET");
    expect(classifyModelError(apiError(400, "Header Authorization: Bearer abcdef123456789 rejected")).message).toBe(
      "400 Bad Request: Header Authorization: Bearer [redacted] rejected",
    );
    expect(classifyModelError(apiError(400, "x".repeat(1000))).message.length).toBeLessThanOrEqual(300);
  });

  it("falls back to unknown, not retryable, for anything else", () => {
    expect(classifyModelError(new Error("something odd"))).toEqual({
      kind: "unknown",
      retryable: false,
      message: "something odd",
    });
    expect(classifyModelError("a string")).toMatchObject({ kind: "unknown", message: "a string" });
  });
});
