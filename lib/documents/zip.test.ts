import { deflateRawSync, constants } from "node:zlib";
import { deflateSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { inflateAtMost, MAX_ZIP_ENTRIES, readZip, ZipRefused } from "./zip";

// Each entry's bytes against the CRC-32 and size that the archive's central directory declares,
// and entries that hold more than they declare. Archives are made by fflate, then changed byte
// by byte.

const enc = (s: string) => new TextEncoder().encode(s);
const text = (e: ReturnType<typeof readZip>[number]) => ("bytes" in e ? new TextDecoder().decode(e.bytes) : e);
const DAMAGED = { refused: "it is damaged: its bytes do not match the archive's checksum" };

/** Offsets of the central directory's entries, in order. */
function centralEntries(zip: Uint8Array): number[] {
  const buf = Buffer.from(zip);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const offsets: number[] = [];
  for (let i = 0, at = buf.readUInt32LE(end + 16); i < buf.readUInt16LE(end + 10); i++) {
    offsets.push(at);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return offsets;
}

/**
 * The same archive in ZIP64 form: a ZIP64 end record and its locator before the end record, whose
 * count and offset say "see ZIP64", and the entries' uncompressed sizes moved into ZIP64 extra
 * fields. Built by hand, since no writer at hand makes ZIP64 for small files.
 */
function asZip64(zip: Uint8Array): Uint8Array {
  const buf = Buffer.from(zip);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdStart = buf.readUInt32LE(end + 16);
  const entries: Buffer[] = [];
  for (const at of centralEntries(zip)) {
    const names = buf.readUInt16LE(at + 28);
    const head = Buffer.from(buf.subarray(at, at + 46 + names));
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(24)), 4);
    head.writeUInt32LE(0xffffffff, 24);
    head.writeUInt16LE(extra.length, 30);
    head.writeUInt16LE(0, 32);
    entries.push(head, extra);
  }
  const cd = Buffer.concat(entries);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries.length / 2), 24);
  record.writeBigUInt64LE(BigInt(entries.length / 2), 32);
  record.writeBigUInt64LE(BigInt(cd.length), 40);
  record.writeBigUInt64LE(BigInt(cdStart), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdStart + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(0xffff, 8);
  tail.writeUInt16LE(0xffff, 10);
  tail.writeUInt32LE(0xffffffff, 12);
  tail.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([buf.subarray(0, cdStart), cd, record, locator, tail]);
}

describe("readZip", () => {
  it("opens every entry whose bytes match what the archive declares, stored or deflated", () => {
    const zip = zipSync({ "a.txt": [enc("first file"), { level: 0 }], "b/é.md": enc("# second\n".repeat(50)) });
    expect(readZip(zip).map(text)).toEqual(["first file", "# second\n".repeat(50)]);
    expect(readZip(asZip64(zip)).map(text)).toEqual(["first file", "# second\n".repeat(50)]);
  });

  it("refuses an entry whose bytes were changed, and keeps the others", () => {
    const zip = zipSync({ "a.txt": [enc("first file"), { level: 0 }], "b.txt": [enc("second"), { level: 0 }] });
    const at = Buffer.from(zip).indexOf("first file");
    zip[at + 6] = "F".charCodeAt(0);
    expect(readZip(zip)).toEqual([
      { name: "a.txt", ...DAMAGED },
      { name: "b.txt", bytes: enc("second") },
    ]);
  });

  it("refuses a deflated entry whose declared size is smaller: fflate would give its first bytes only", () => {
    const zip = zipSync({ "a.txt": enc("the whole text, ".repeat(20)) });
    const [entry] = centralEntries(zip);
    Buffer.from(zip.buffer).writeUInt32LE(3, entry! + 24);
    expect(readZip(zip)).toEqual([{ name: "a.txt", ...DAMAGED }]);
  });

  it("stops inflating an entry as soon as it passes its declared size", () => {
    // 200 MB of zeros in about 200 KB, declared as 100 bytes: one MB deflated and flushed, so its
    // blocks stand alone, repeated 200 times and closed by an empty last block (deflating the 200 MB
    // took seconds of the suite).
    const megabyte = deflateRawSync(new Uint8Array(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    const bomb = Buffer.concat([...Array<Buffer>(200).fill(megabyte), deflateRawSync(new Uint8Array(0))]);
    const { bytes, consumed } = inflateAtMost(bomb, 100);
    expect(bytes).toBeNull();
    // One slice of the stream was read, not the whole of it (which took seconds, for nothing).
    expect(consumed).toBeLessThanOrEqual(16 * 1024);
    expect(bomb.length).toBeGreaterThan(100 * 1024);
    const honest = deflateSync(enc("x".repeat(100)));
    expect(inflateAtMost(honest, 100).bytes).toEqual(enc("x".repeat(100)));

    const zip = zipSync({ "bomb.txt": new Uint8Array(2 * 1024 * 1024), "ok.txt": enc("fine") });
    const [entry] = centralEntries(zip);
    Buffer.from(zip.buffer).writeUInt32LE(100, entry! + 24);
    expect(readZip(zip)).toEqual([
      { name: "bomb.txt", ...DAMAGED },
      { name: "ok.txt", bytes: enc("fine") },
    ]);
  });

  it("refuses an encrypted entry, or one compressed by a method it does not know", () => {
    const zip = zipSync({ "a.txt": [enc("first"), { level: 0 }], "b.txt": [enc("second"), { level: 0 }] });
    const [a, b] = centralEntries(zip) as [number, number];
    const buf = Buffer.from(zip.buffer);
    buf.writeUInt16LE(buf.readUInt16LE(a + 8) | 1, a + 8);
    buf.writeUInt16LE(14, b + 10); // LZMA
    expect(readZip(zip)).toEqual([
      { name: "a.txt", refused: "it is encrypted" },
      { name: "b.txt", refused: "it is compressed in a way this reader does not know (method 14)" },
    ]);
  });

  it("counts every entry against its limit: folders, macOS metadata, dotfiles and archives too", () => {
    const kinds = (i: number) => [`d${i}/`, `__MACOSX/._f${i}.txt`, `.hidden${i}`, `a${i}.zip`][i % 4]!;
    const many = zipSync(
      Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [kinds(i), new Uint8Array(0)])),
    );
    expect(() => readZip(many)).toThrow(`it holds more than ${MAX_ZIP_ENTRIES} entries`);
    // Judged on the count the end record declares, before any entry is read: here there are none.
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    expect(() => readZip(end)).toThrow(`it holds more than ${MAX_ZIP_ENTRIES} entries`);
  });

  it("refuses what is not a zip archive as a whole", () => {
    expect(() => readZip(enc("just text, no archive"))).toThrow(ZipRefused);
  });
});
