import { crc32 } from "node:zlib";
import { Inflate } from "fflate";

// A .zip of documents, read from its central directory (PKWARE's APPNOTE, sections 4.3.6 to
// 4.3.16, ZIP64 included) and inflated entry by entry with fflate's streaming inflater.
// Guarded against zip bombs by what the archive declares before anything is inflated (at most
// MAX_ZIP_FILES entries and MAX_ZIP_BYTES in all once uncompressed), and while inflating: an
// entry is fed to the inflater a slice at a time and dropped as soon as it yields more than its
// declared size, so a lying entry costs at most one slice's worth of work past that size (a
// 3 MB archive whose entries each declared 100 bytes and held 400 MB of zeros once kept the
// server busy for 9 seconds, inflating every byte into nothing). Each entry's bytes are checked
// against the CRC-32 and size the directory declares: a damaged or truncated entry is refused,
// never stored as a document that differs from the one zipped.

export const MAX_ZIP_FILES = 1000;
/**
 * Entries of any kind (folders, macOS metadata, dotfiles, archives): the files limit skips
 * those, and 3 million entries named a.zip once took 21 s and 2.6 GB and answered with a 294 MB
 * list of refusals. Room for 1,000 files with a metadata twin and a folder each.
 */
export const MAX_ZIP_ENTRIES = 5000;
export const MAX_ZIP_BYTES = 100 * 1024 * 1024;
const ARCHIVES = /\.(zip|gz|tgz|tar|bz2|xz|7z|rar|zst)$/i;
/** Compressed bytes handed to the inflater at a time: at most about 1,000 times as many come out. */
const SLICE = 16 * 1024;

export type ZipEntry = { name: string; bytes: Uint8Array } | { name: string; refused: string };

export class ZipRefused extends Error {}

const UNREADABLE = "it is not a readable zip archive";
const DAMAGED = "it is damaged: its bytes do not match the archive's checksum";
const utf8 = new TextDecoder();

interface Declared {
  name: string;
  crc: number;
  size: number;
  compressedSize: number;
  method: number;
  encrypted: boolean;
  /** Where the entry's local header starts. */
  offset: number;
}

/**
 * The entries as the central directory declares them. Names are decoded as other tools decode
 * them: UTF-8 when the entry's flag bit 11 says so, else one character per byte.
 */
function centralDirectory(buf: Buffer): Declared[] {
  const u32 = (at: number) => (at >= 0 && at + 4 <= buf.length ? buf.readUInt32LE(at) : -1);
  const u64 = (at: number) => (at >= 0 && at + 8 <= buf.length ? Number(buf.readBigUInt64LE(at)) : -1);
  // The end record is 22 bytes and a comment of at most 65,535.
  let end = buf.length - 22;
  while (end >= 0 && end >= buf.length - 22 - 0xffff && u32(end) !== 0x06054b50) end--;
  if (end < 0 || u32(end) !== 0x06054b50) throw new ZipRefused(UNREADABLE);
  let count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  // A ZIP64 end record, found through the locator just before the end record, has the real values.
  const record = u64(end - 12);
  if (u32(end - 20) === 0x07064b50 && u32(record) === 0x06064b50) {
    count = u64(record + 32);
    at = u64(record + 48);
  }
  // Judged on the declared count, before any entry is read.
  if (count > MAX_ZIP_ENTRIES) throw new ZipRefused(`it holds more than ${MAX_ZIP_ENTRIES} entries`);
  const entries: Declared[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50 || at + 46 > buf.length) throw new ZipRefused(UNREADABLE);
    const flags = buf.readUInt16LE(at + 8);
    const names = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const nameBytes = buf.subarray(at + 46, at + 46 + names);
    let size = buf.readUInt32LE(at + 24);
    let compressedSize = buf.readUInt32LE(at + 20);
    let offset = buf.readUInt32LE(at + 42);
    // The ZIP64 extra field (id 1) holds, in this order, each of these three that reads 0xffffffff.
    for (let e = at + 46 + names; e + 4 <= at + 46 + names + extra; e += 4 + buf.readUInt16LE(e + 2)) {
      if (buf.readUInt16LE(e) !== 1) continue;
      let field = e + 4;
      const wide = (value: number) => {
        if (value !== 0xffffffff) return value;
        const v = u64(field);
        field += 8;
        return v;
      };
      size = wide(size);
      compressedSize = wide(compressedSize);
      offset = wide(offset);
      break;
    }
    entries.push({
      name: flags & 0x800 ? utf8.decode(nameBytes) : nameBytes.toString("latin1"),
      crc: buf.readUInt32LE(at + 16),
      size,
      compressedSize,
      method: buf.readUInt16LE(at + 10),
      encrypted: (flags & 1) === 1,
      offset,
    });
    at += 46 + names + extra + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Inflates `data`, giving up (null) as soon as it yields more than `limit` bytes; `consumed` says
 * how much of `data` was read by then.
 */
export function inflateAtMost(data: Uint8Array, limit: number): { bytes: Uint8Array | null; consumed: number } {
  const parts: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced <= limit) parts.push(chunk);
  });
  let at = 0;
  do {
    const next = Math.min(at + SLICE, data.length);
    inflater.push(data.subarray(at, next), next === data.length);
    at = next;
    if (produced > limit) return { bytes: null, consumed: at };
  } while (at < data.length);
  const bytes = new Uint8Array(produced);
  let to = 0;
  for (const part of parts) {
    bytes.set(part, to);
    to += part.length;
  }
  return { bytes, consumed: at };
}

/** One entry's bytes, or why it is refused. */
function openEntry(buf: Buffer, e: Declared): ZipEntry {
  if (e.encrypted) return { name: e.name, refused: "it is encrypted" };
  if (buf.length < e.offset + 30 || buf.readUInt32LE(e.offset) !== 0x04034b50)
    return { name: e.name, refused: DAMAGED };
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  if (start + e.compressedSize > buf.length) return { name: e.name, refused: DAMAGED };
  const data = buf.subarray(start, start + e.compressedSize);
  let bytes: Uint8Array | null;
  // A copy: a view would keep the whole upload alive for as long as one of its entries.
  if (e.method === 0) bytes = new Uint8Array(data);
  else if (e.method === 8) {
    try {
      bytes = inflateAtMost(data, e.size).bytes;
    } catch {
      bytes = null; // not a deflate stream
    }
  } else return { name: e.name, refused: `it is compressed in a way this reader does not know (method ${e.method})` };
  if (!bytes || bytes.length !== e.size || crc32(bytes) !== e.crc) return { name: e.name, refused: DAMAGED };
  return { name: e.name, bytes };
}

/** An entry as the directory declares it; `open` inflates it (one at a time, so one is held). */
export type LazyZipEntry = { name: string; size: number; open: () => ZipEntry } | { name: string; refused: string };

/**
 * The files of a zip archive (directories and macOS metadata left out), in name order, each
 * opened only when asked, or ZipRefused.
 */
export function listZip(bytes: Uint8Array): LazyZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let declared: Declared[];
  try {
    declared = centralDirectory(buf);
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    throw new ZipRefused(UNREADABLE);
  }
  const entries: LazyZipEntry[] = [];
  const nested: string[] = [];
  let files = 0;
  let total = 0;
  for (const e of declared) {
    if (e.name.endsWith("/") || e.name.startsWith("__MACOSX/") || /(^|\/)\.[^/]*$/.test(e.name)) continue;
    if (ARCHIVES.test(e.name)) {
      nested.push(e.name);
      continue;
    }
    entries.push({ name: e.name, size: e.size, open: () => openEntry(buf, e) });
    total += e.size;
    if (++files > MAX_ZIP_FILES) throw new ZipRefused(`it holds more than ${MAX_ZIP_FILES} files`);
    if (total > MAX_ZIP_BYTES) throw new ZipRefused(`it expands to more than ${MAX_ZIP_BYTES / 1024 / 1024} MB`);
  }
  for (const name of nested) entries.push({ name, refused: "archives inside an archive are not opened" });
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The files of a zip archive, all opened at once, or ZipRefused. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  return listZip(bytes).map((e) => ("open" in e ? e.open() : e));
}
