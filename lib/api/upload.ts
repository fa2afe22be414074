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
 * broken file, a preview that found its first records, 401...) says `Connection: close`. The
 * server drops such a connection after answering rather than read the rest of the upload; a
 * client told keep-alive would send its next request on that dead socket and see it reset.
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

/** The start of an upload, read as far as asked and no further. */
export interface PrefixReader {
  /**
   * The first `maxBytes` of the body (fewer if it ends sooner), and whether that was all of it.
   * Each call reads only what earlier calls did not.
   */
  read(maxBytes: number): Promise<{ bytes: Uint8Array; complete: boolean }>;
  /** Cancels the rest of the upload. */
  close(): Promise<void>;
}

/** Used by the preview, which needs only the first records, however long the first one is. */
export function prefixReader(req: Request): PrefixReader {
  const body = limitedBody(req, Infinity);
  let bytes: Uint8Array = new Uint8Array(0);
  let ended = false;
  return {
    async read(maxBytes) {
      const parts: Uint8Array[] = [bytes];
      let length = bytes.byteLength;
      while (!ended && length < maxBytes) {
        const next = await body.next();
        if (next.done) ended = true;
        else {
          parts.push(next.value);
          length += next.value.byteLength;
        }
      }
      if (parts.length > 1) bytes = concat(parts, length);
      // Having read exactly maxBytes, whether there was more is unknown until the next read.
      return { bytes: bytes.subarray(0, maxBytes), complete: ended && bytes.byteLength <= maxBytes };
    },
    async close() {
      await body.return(undefined);
    },
  };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}
