import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { ApiError } from "./errors";
import { leftUnread, limitedBody, prefixReader } from "./upload";
import { formatBytes, tooLargeMessage } from "./upload-limit";

const encoder = new TextEncoder();

/** A request whose body arrives in `chunks`, with whatever Content-Length it claims. */
function upload(chunks: string[], contentLength?: number): Request {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(encoder.encode(chunks[pulled++]));
      else controller.close();
    },
  });
  const headers = contentLength === undefined ? undefined : { "content-length": String(contentLength) };
  return new Request("http://test/upload", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of body) n += chunk.byteLength;
  return n;
}

async function status(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return { status: (err as ApiError).status, code: (err as ApiError).code, message: (err as ApiError).message };
}

describe("upload size limit", () => {
  it("reads a body within the limit", async () => {
    expect(await drain(limitedBody(upload(["abc", "def"]), 6))).toBe(6);
  });

  it("refuses up front when Content-Length is over the limit", async () => {
    const req = upload(["x"], 1000);
    await expect(status(drain(limitedBody(req, 999)))).resolves.toEqual({
      status: 413,
      code: "too_large",
      message: "The file is larger than the 999 bytes limit (IMPORT_MAX_BYTES).",
    });
    expect(req.bodyUsed).toBe(false);
  });

  it("stops a body that passes the limit without saying so, or while claiming less", async () => {
    await expect(status(drain(limitedBody(upload(["12345", "67890"]), 8)))).resolves.toMatchObject({ status: 413 });
    await expect(status(drain(limitedBody(upload(["12345", "67890"], 5), 8)))).resolves.toMatchObject({ status: 413 });
  });

  it("names the limit as configured, 200 MB by default", () => {
    expect(parseEnv({}).IMPORT_MAX_BYTES).toBe(209_715_200);
    expect(tooLargeMessage(parseEnv({}).IMPORT_MAX_BYTES)).toBe(
      "The file is larger than the 200 MB limit (IMPORT_MAX_BYTES).",
    );
    expect(parseEnv({ IMPORT_MAX_BYTES: "1048576" }).IMPORT_MAX_BYTES).toBe(1_048_576);
    expect(() => parseEnv({ IMPORT_MAX_BYTES: "lots" })).toThrow(/IMPORT_MAX_BYTES/);
    expect(() => parseEnv({ IMPORT_MAX_BYTES: "0" })).toThrow(/IMPORT_MAX_BYTES/);
    expect([formatBytes(1536), formatBytes(1.5 * 1024 * 1024), formatBytes(12)]).toEqual([
      "1.5 KB",
      "1.5 MB",
      "12 bytes",
    ]);
  });
});

describe("prefixReader", () => {
  it("returns the start of a long body, says it is not all of it, and reads on when asked", async () => {
    const req = upload(["hello ", "world", "!!!"]);
    const body = prefixReader(req);
    const first = await body.read(8);
    expect([new TextDecoder().decode(first.bytes), first.complete]).toEqual(["hello wo", false]);
    const more = await body.read(100);
    expect([new TextDecoder().decode(more.bytes), more.complete]).toEqual(["hello world!!!", true]);
    expect(leftUnread(req)).toBe(false);
  });

  it("returns a short body whole", async () => {
    const { bytes, complete } = await prefixReader(upload(["hi"])).read(8);
    expect([new TextDecoder().decode(bytes), complete]).toEqual(["hi", true]);
  });

  it("leaves the rest of the upload unread once closed", async () => {
    const req = upload(["hello ", "world"]);
    const body = prefixReader(req);
    await body.read(3);
    await body.close();
    expect(leftUnread(req)).toBe(true);
  });
});
