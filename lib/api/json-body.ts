import { Utf8Position } from "@/lib/imports";
import { ApiError } from "./errors";
import { limitedBody } from "./upload";

// JSON bodies are UTF-8 (RFC 8259). A forgiving decoder would turn bytes that are not (a Latin-1
// "é", a UTF-16 byte order mark) into U+FFFD and the route would store the altered text as if the
// client had sent it; such a body is refused instead, naming the first bad byte, as file imports do.

export function invalidUtf8(byte: number): ApiError {
  return new ApiError(
    400,
    "invalid_utf8",
    `The request body is not valid UTF-8 (byte ${byte}). Send JSON encoded as UTF-8.`,
  );
}

/**
 * The body as text, decoded as it arrives (holding at most `maxBytes`, 413 past it) and refused
 * with 400 invalid_utf8 at the first byte that is not UTF-8. A leading byte order mark is dropped.
 */
export async function readUtf8Body(req: Request, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const position = new Utf8Position();
  let text = "";
  for await (const chunk of limitedBody(req, maxBytes)) {
    try {
      text += decoder.decode(chunk, { stream: true });
    } catch {
      throw invalidUtf8(position.locateInvalid(chunk).byte);
    }
    position.advance(chunk);
  }
  try {
    return text + decoder.decode();
  } catch {
    throw invalidUtf8(position.locateTruncated().byte);
  }
}

/** JSON.parse, failing with 400 invalid_json. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
}
