// Shared by the tests beside this file; not used by the import code itself.

import { expect } from "vitest";
import { ImportFormatError } from "./errors";

/** Awaits a promise that must reject with an ImportFormatError, and returns it. */
export async function fatal(promise: Promise<unknown>): Promise<ImportFormatError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFormatError);
  return err as ImportFormatError;
}

export const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

/** Concatenates text (as UTF-8) and raw byte values into one buffer. */
export function bytes(...parts: (string | number[])[]): Uint8Array {
  const encoded = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(encoded.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of encoded) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The content as a stream of `size`-byte chunks (the last may be shorter). */
export async function* chunked(content: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const all = typeof content === "string" ? bytes(content) : content;
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}
