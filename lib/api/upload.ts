import { ApiError } from "./errors";
import { tooLargeMessage } from "./upload-limit";

// Uploads are read as a stream with a byte budget: a 200 MB file never sits in memory, and a
// client that sends more than it announced (or announces nothing) is stopped all the same.

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, "too_large", tooLargeMessage(maxBytes));
}

// Whether each streamed upload was read to its end (true) or abandoned part way (false).
const readToEnd = new WeakMap<Request, boolean>();

/** True when the request has a body the server did not read to its end. */
export function leftUnread(req: Request): boolean {
  if (!req.body) return false;
  const streamed = readToEnd.get(req);
  return streamed === undefined ? !req.bodyUsed : !streamed;
}

/**
 * Wraps an upload route so that an answer given before the whole body arrived (413, 422 on a
 * broken file, a 64 KiB preview, 401...) says `Connection: close`. The server drops such a
 * connection after answering rather than read the rest of the upload; a client told keep-alive
 * would send its next request on that dead socket and see it reset.
 */
export function closeWhenUnread<C, M extends object>(route: ((req: Request, ctx: C) => Promise<Response>) & M) {
  const closing = async (req: Request, ctx: C): Promise<Response> => {
    const res = await route(req, ctx);
    if (leftUnread(req)) res.headers.set("Connection", "close");
    return res;
  };
  // Keeps what the wrapper recorded on the route (its access), for the route matrix test.
  return Object.assign(closing, { ...(route as M) });
}

/** Refuses up front when Content-Length already says the body is too large. */
export function checkDeclaredLength(req: Request, maxBytes: number): void {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The request body as it arrives, failing with 413 as soon as it passes `maxBytes`. Stopping
 * early (an error in the consumer, or a break) cancels the rest of the upload.
 */
export async function* limitedBody(req: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  checkDeclaredLength(req, maxBytes);
  if (!req.body) return;
  readToEnd.set(req, false);
  const reader = req.body.getReader();
  let received = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        readToEnd.set(req, true);
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) throw tooLarge(maxBytes);
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * At most `maxBytes` from the start of the body, and whether that was all of it. Used by the
 * preview, which needs only the first records.
 */
export async function readPrefix(req: Request, maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let complete = true;
  for await (const chunk of limitedBody(req, Infinity)) {
    const part = chunk.subarray(0, maxBytes - length);
    parts.push(part);
    length += part.byteLength;
    if (length >= maxBytes) {
      // Leaving the loop cancels the rest of the upload; whether there was more is unknown.
      complete = false;
      break;
    }
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return { bytes, complete };
}
