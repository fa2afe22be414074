import { describe, expect, it } from "vitest";
import type { ImportEvent } from "./events";
import { parsePairs } from "./parse-pairs";
import { parsePrompts } from "./parse-prompts";
import { bytes, chunked, jsonl } from "./test-helpers";

async function events<Row>(gen: AsyncIterable<ImportEvent<Row>>): Promise<ImportEvent<Row>[]> {
  const all: ImportEvent<Row>[] = [];
  for await (const e of gen) all.push(e);
  return all;
}

// Multi-byte characters (2, 3 and 4 bytes, ZWJ sequences), CRLF, blank lines, bad rows and duplicates,
// so that chunk boundaries land inside characters, inside "\r\n" and inside quoted fields.
const fixtures = {
  jsonl:
    "\uFEFF" +
    jsonl({ prompt: "é日本👩‍👩‍👧 one" }, { prompt: "two\r\nlines" }).replace("\n", "\r\n") +
    "\n  \n{not json}\n" +
    jsonl({ prompt: " é日本👩‍👩‍👧   one " }, { instruction: "¿qué?", id: 3 }),
  json: `[\r\n  {"prompt": "α"},\r\n\r\n  {"prompt": "β 🎉", "id": "x"},\r\n  7,\r\n  {"prompt": " α\\n"}\r\n]`,
  csv: 'id,prompt\r\n1,"multi\r\nline ✓"\r\n\r\n2,"comma, ""quote"" 🇯🇵"\r\n3\r\n4,plain é\r\n5,"multi\r\nline ✓"',
  text: "\uFEFFfirst ✓\r\n\r\nsecond 日本\nfirst ✓\n   \nlast without newline 👋",
};

describe("chunk boundaries", () => {
  for (const [format, text] of Object.entries(fixtures)) {
    it(`gives identical ${format} results for a string and any chunking of its bytes`, async () => {
      const expected = await events(parsePrompts(text));
      expect(expected.length).toBeGreaterThanOrEqual(4);
      for (const size of [1, 2, 3, 7, 13, 64 * 1024]) {
        expect(await events(parsePrompts(chunked(text, size)))).toEqual(expected);
      }
    });
  }

  it("gives identical pair results for a string and 7-byte chunks", async () => {
    const text = jsonl(
      {
        prompt: [
          { role: "system", content: "ß" },
          { role: "user", content: "日本?" },
        ],
        chosen: [{ role: "assistant", content: "はい 👍" }],
        rejected: [{ role: "assistant", content: "いいえ" }],
      },
      { question: "q", chosen: "a", rejected: "a" },
      { prompt: "p 🎉", chosen: "c", rejected: "r" },
    );
    const expected = await events(parsePairs(text));
    expect(expected.map((e) => e.kind)).toEqual(["row", "error", "row"]);
    expect(await events(parsePairs(chunked(text, 7)))).toEqual(expected);
    expect(await events(parsePairs(chunked(text, 1)))).toEqual(expected);
  });

  it("produces the expected events for the JSONL fixture", async () => {
    const all = await events(parsePrompts(chunked(bytes(fixtures.jsonl), 7)));
    expect(all).toEqual([
      { kind: "row", row: expect.objectContaining({ line: 1, prompt: "é日本👩‍👩‍👧 one" }) },
      { kind: "row", row: expect.objectContaining({ line: 2, prompt: "two\r\nlines" }) },
      { kind: "error", line: 5, message: expect.stringMatching(/^line 5: invalid JSON/) },
      { kind: "duplicate", line: 6, firstLine: 1 },
      { kind: "row", row: expect.objectContaining({ line: 7, prompt: "¿qué?", externalId: "3" }) },
    ]);
  });
});
