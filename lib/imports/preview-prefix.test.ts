import { describe, expect, it } from "vitest";
import { closedArrayPrefix, previewPrefix, wholeCharacters } from "./preview-prefix";
import { bytes, jsonl } from "./test-helpers";

const cut = (text: string, length: number) => bytes(text).subarray(0, length);

describe("previewPrefix", () => {
  it("drops a JSONL line cut short instead of reporting it", async () => {
    const file = jsonl({ prompt: "a" }, { prompt: "b" }, { prompt: "a long third prompt" });
    const preview = await previewPrefix(cut(file, file.length - 10), { complete: false });
    expect(preview.rows).toEqual([{ prompt: "a" }, { prompt: "b" }]);
    expect(preview.errors).toEqual([]);
  });

  it("closes a JSON array after its last complete element", async () => {
    const file = JSON.stringify([{ prompt: "a", tags: ["x]"] }, { prompt: "b}" }, { prompt: "c" }], null, 2);
    const preview = await previewPrefix(cut(file, file.indexOf('"c"')), { complete: false, fileName: "x.json" });
    expect(preview.format).toBe("json");
    expect(preview.rows).toEqual([{ prompt: "a", tags: ["x]"] }, { prompt: "b}" }]);
  });

  it("drops a character split by the cut, but still refuses bytes that are not UTF-8", async () => {
    const first = '{"prompt":"café"}\n';
    const file = bytes(first + '{"prompt":"naïve"}\n');
    // Every cut inside the second line, including the one between the two bytes of "ï".
    for (let end = bytes(first).length + 1; end < file.length; end++) {
      await expect(previewPrefix(file.subarray(0, end), { complete: false })).resolves.toMatchObject({
        rows: [{ prompt: "café" }],
      });
    }
    await expect(previewPrefix(bytes('{"prompt": "a"}\n', [0xff, 0x0a]), { complete: false })).rejects.toMatchObject({
      code: "invalid_utf8",
    });
  });

  it("reports no error for a first record the cut leaves unfinished, in every format", async () => {
    const long = "x".repeat(90_000);
    const files = [
      ["a.jsonl", jsonl({ prompt: long }, { prompt: "b" })],
      ["a.txt", `${long}\nb\n`],
      ["a.json", JSON.stringify([{ prompt: long }, { prompt: "b" }])],
      // A quoted field with newlines: the cut falls after one of them, inside the quotes.
      ["a.csv", `prompt,id\n"${"a paragraph.\n".repeat(7000)}",1\nb,2\n`],
    ] as const;
    for (const [fileName, file] of files) {
      const preview = await previewPrefix(cut(file, 64 * 1024), { complete: false, fileName });
      expect(preview, fileName).toMatchObject({ rows: [], errors: [], truncated: true });
    }
  });

  it("says when the records ran out before the limit because the bytes did", async () => {
    const file = jsonl({ prompt: "a" }, { prompt: "b" }, { prompt: "c" });
    const cutShort = await previewPrefix(cut(file, file.length - 3), { complete: false, limit: 5 });
    expect(cutShort).toMatchObject({ rows: [{ prompt: "a" }, { prompt: "b" }], truncated: true });
    expect((await previewPrefix(cut(file, file.length - 3), { complete: false, limit: 2 })).truncated).toBe(false);
    expect((await previewPrefix(bytes(file), { complete: true })).truncated).toBe(false);
  });

  it("reports a broken last record when the file is complete", async () => {
    const preview = await previewPrefix(bytes('{"prompt": "a"}\n{"prompt": '), { complete: true });
    expect(preview.errors).toHaveLength(1);
  });
});

describe("wholeCharacters / closedArrayPrefix", () => {
  it("finds where the last whole character ends", () => {
    const euro = [0xe2, 0x82, 0xac];
    expect(wholeCharacters(bytes("a", euro))).toBe(4);
    expect(wholeCharacters(bytes("a", euro.slice(0, 2)))).toBe(1);
    expect(wholeCharacters(bytes("a", [0xf0, 0x9f, 0x8e]))).toBe(1);
    expect(wholeCharacters(bytes("ab"))).toBe(2);
  });

  it("leaves a whole array alone", () => {
    expect(closedArrayPrefix('[{"a": 1}]')).toBe('[{"a": 1}]');
    expect(closedArrayPrefix('[{"a": "\\"}"}, {"b"')).toBe('[{"a": "\\"}"}]');
  });
});
