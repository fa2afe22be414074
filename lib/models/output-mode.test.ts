import { describe, expect, it } from "vitest";
import { outputModesFor, rejectsOutputMode } from "./output-mode";

describe("outputModesFor", () => {
  it("starts at JSON schema on AUTO, at the setting otherwise, and never before what was found to work", () => {
    expect(outputModesFor({ provider: "OPENAI_COMPATIBLE", structuredOutput: "AUTO" })).toEqual([
      "JSON_SCHEMA",
      "JSON_MODE",
      "PROMPT_ONLY",
    ]);
    expect(outputModesFor({ provider: "OPENAI", structuredOutput: "JSON_MODE" })).toEqual(["JSON_MODE", "PROMPT_ONLY"]);
    expect(outputModesFor({ provider: "OPENAI", structuredOutput: "AUTO", detectedOutputMode: "JSON_MODE" })).toEqual([
      "JSON_MODE",
      "PROMPT_ONLY",
    ]);
    expect(
      outputModesFor({ provider: "OPENAI", structuredOutput: "JSON_SCHEMA", detectedOutputMode: "PROMPT_ONLY" }),
    ).toEqual(["PROMPT_ONLY"]);
    expect(
      outputModesFor({ provider: "OPENAI", structuredOutput: "PROMPT_ONLY", detectedOutputMode: "JSON_SCHEMA" }),
    ).toEqual(["PROMPT_ONLY"]);
  });

  it("has no JSON mode for Anthropic: a forced tool, then plain text", () => {
    expect(outputModesFor({ provider: "ANTHROPIC", structuredOutput: "AUTO" })).toEqual(["JSON_SCHEMA", "PROMPT_ONLY"]);
    expect(outputModesFor({ provider: "ANTHROPIC", structuredOutput: "JSON_MODE" })).toEqual(["PROMPT_ONLY"]);
  });
});

describe("rejectsOutputMode", () => {
  const bad = (message: string) => ({ kind: "bad_request" as const, retryable: false, status: 400, message });

  it("is a 400 about the requested format, not any 400 nor other errors", () => {
    expect(
      rejectsOutputMode(
        bad(
          "400 Bad Request: Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        ),
      ),
    ).toBe(true);
    expect(
      rejectsOutputMode(
        bad("400 Bad Request: guided decoding backend does not support this schema: unsupported keyword"),
      ),
    ).toBe(true);
    expect(rejectsOutputMode(bad("400 Bad Request: max_tokens must be at most 4096"))).toBe(false);
    expect(rejectsOutputMode({ kind: "auth", retryable: false, status: 401, message: "401: response_format" })).toBe(
      false,
    );
  });
});
