import type { IncomingMessage, ServerResponse } from "node:http";

// Marks every answer as coming from a fixture, so a captured response can never pass for a vendor's.
const FIXTURE_HEADERS = { "x-model-server": "pairwise-test-fixture" };
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ApiError {
  message: string;
  type: string;
  code?: string | null;
  param?: string | null;
}

/** Writes responses and reports each status as it is sent, so stats are current when the client sees it. */
export class Reply {
  /** Aborted when the connection closes: the client gave up, the answer ended, or the server closed. */
  readonly closed: AbortSignal;

  constructor(
    readonly res: ServerResponse,
    private readonly onStatus: (status: number) => void,
  ) {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    this.closed = controller.signal;
  }

  get gone(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  head(status: number, headers: Record<string, string>): void {
    this.onStatus(status);
    this.res.writeHead(status, { ...FIXTURE_HEADERS, ...headers });
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.raw(status, JSON.stringify(body), headers);
  }

  raw(status: number, text: string, headers: Record<string, string> = {}): void {
    this.head(status, { "content-type": "application/json", ...headers });
    this.res.end(text);
  }

  error(status: number, error: ApiError, headers: Record<string, string> = {}): void {
    this.json(status, { error: { param: null, code: null, ...error } }, headers);
  }
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Resolves after `ms`, or early once `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
