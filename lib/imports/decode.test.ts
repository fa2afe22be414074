import { describe, expect, it } from "vitest";
import { decodeInput, type ImportInput } from "./decode";
import { ImportFormatError } from "./errors";
import { firstInvalidUtf8, incompleteTailLength } from "./utf8";
import { bytes, chunked } from "./test-helpers";

async function decodeAll(input: ImportInput): Promise<string> {
  let text = "";
  for await (const chunk of decodeInput(input)) text += chunk;
  return text;
}

async function decodeError(input: ImportInput): Promise<ImportFormatError> {
  try {
    await decodeAll(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFormatError);
    return err as ImportFormatError;
  }
  throw new Error("expected decoding to fail");
}

describe("decodeInput", () => {
  const text = 'naïve café 日本語 👩‍👩‍👧 "q" \\ end\r\nline 2\n';

  it.each([1, 2, 3, 7, 64])("decodes multi-byte text split into %i-byte chunks", async (size) => {
    expect(await decodeAll(chunked(text, size))).toBe(text);
  });

  it("strips a leading BOM from strings and from byte streams, even split across chunks", async () => {
    expect(await decodeAll("\uFEFFhello")).toBe("hello");
    expect(await decodeAll(chunked(bytes([0xef, 0xbb, 0xbf], "hello"), 1))).toBe("hello");
    expect(await decodeAll(chunked(bytes([0xef, 0xbb, 0xbf], "hello"), 2))).toBe("hello");
  });

  it("keeps a BOM that is not at the start", async () => {
    expect(await decodeAll(chunked(bytes("a", [0xef, 0xbb, 0xbf], "b"), 2))).toBe("a\uFEFFb");
  });

  it("names the line and byte of invalid UTF-8 in the middle of a stream", async () => {
    // Line 3 starts at byte 8; "é" is 2 bytes, so the bad byte 0xff sits at byte 11.
    const content = bytes("line 1\n", "\n", "xé", [0xff], "yz\nmore\n");
    for (const size of [1, 3, 7, 64]) {
      const err = await decodeError(chunked(content, size));
      expect(err.code).toBe("invalid_utf8");
      expect(err.line).toBe(3);
      expect(err.message).toBe("File is not valid UTF-8 (line 3, byte 11). Save it as UTF-8 and try again.");
    }
  });

  it("points at the start of a broken multi-byte sequence split across chunks", async () => {
    // E2 82 starts a 3-byte character; "A" is not a continuation byte. The lead byte is at offset 5.
    const content = bytes("ok\nab", [0xe2, 0x82], "A\nrest");
    for (const size of [1, 2, 6]) {
      const err = await decodeError(chunked(content, size));
      expect(err.message).toContain("(line 2, byte 5)");
    }
  });

  it("counts lines from the bad byte, not from the start of the held-back sequence", async () => {
    // The decoder holds F0 9F 98 from the first chunk; the newlines come after the bad byte 0xff.
    async function* chunks() {
      yield bytes("a\n", [0xf0, 0x9f, 0x98]);
      yield bytes([0x80, 0xff], "\n\n");
    }
    expect((await decodeError(chunks())).message).toContain("(line 2, byte 6)");
  });

  it("reports a file that ends in the middle of a character", async () => {
    const err = await decodeError(chunked(bytes("a\nb\n", [0xf0, 0x9f, 0x98]), 2));
    expect(err.message).toContain("(line 3, byte 4)");
  });

  it("counts the BOM in byte offsets", async () => {
    const err = await decodeError(chunked(bytes([0xef, 0xbb, 0xbf], "ab", [0xc0, 0x80]), 4));
    expect(err.message).toContain("(line 1, byte 5)");
  });
});

describe("utf8 helpers", () => {
  it("finds overlongs, surrogates and stray continuation bytes", () => {
    expect(firstInvalidUtf8(bytes("abc"))).toBe(-1);
    expect(firstInvalidUtf8(bytes("ab", [0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes("a", [0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(bytes("a", [0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes("a", [0xf4, 0x90, 0x80, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes("a", [0xe2, 0x82]))).toBe(-1); // merely incomplete
  });

  it("measures an incomplete trailing sequence", () => {
    expect(incompleteTailLength(bytes("a€"))).toBe(0);
    expect(incompleteTailLength(bytes("a", [0xe2, 0x82]))).toBe(2);
    expect(incompleteTailLength(bytes("a", [0xf0]))).toBe(1);
    expect(incompleteTailLength(bytes("a", [0xf0, 0x9f, 0x98]))).toBe(3);
  });
});
