import { describe, expect, it } from "vitest";
import { parsePrompts } from "./parse-prompts";
import { collectImport } from "./report";

const LINES = 100_000;
const CHUNK = 64 * 1024;

// Every 1000th line is broken and every 500th repeats an earlier prompt (with different spacing).
function lineAt(i: number): string {
  if (i % 1000 === 999) return '{"prompt": "broken"';
  if (i % 500 === 499) return JSON.stringify({ prompt: `  Prompt   number ${i - 1} about ünïcödé 🎉 ` });
  return JSON.stringify({ prompt: `Prompt number ${i} about ünïcödé 🎉`, id: i, meta: { n: i } });
}

// Chunks are cut at exact 64 KiB offsets, so they regularly split multi-byte characters.
async function* generatedUpload(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let pending = new Uint8Array(0);
  let batch = "";
  for (let i = 0; i < LINES; i++) {
    batch += lineAt(i) + "\n";
    if (batch.length < CHUNK && i < LINES - 1) continue;
    const encoded = encoder.encode(batch);
    const joined = new Uint8Array(pending.length + encoded.length);
    joined.set(pending);
    joined.set(encoded, pending.length);
    let at = 0;
    for (; at + CHUNK <= joined.length; at += CHUNK) yield joined.slice(at, at + CHUNK);
    pending = joined.slice(at);
    batch = "";
  }
  if (pending.length) yield pending;
}

describe("a large file", () => {
  it("streams 100,000 JSONL lines in 64 KiB chunks", async () => {
    const started = performance.now();
    const { report } = await collectImport(parsePrompts(generatedUpload(), { fileName: "big.jsonl" }));
    const ms = performance.now() - started;
    console.log(`parsed ${LINES.toLocaleString("en-US")} JSONL lines in ${ms.toFixed(0)} ms`);
    expect(report).toMatchObject({
      total: LINES,
      invalid: 100,
      duplicates: 100,
      valid: LINES - 200,
      errorsTruncated: false,
    });
    expect(report.errors[0]).toEqual({ line: 1000, message: expect.stringMatching(/^line 1000: invalid JSON/) });
  });
});
