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
