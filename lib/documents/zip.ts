import { crc32 } from "node:zlib";
import { unzipSync } from "fflate";

// A .zip of documents, opened with fflate. Guarded against zip bombs by what the archive
// declares before anything is inflated: at most MAX_ZIP_FILES entries and MAX_ZIP_BYTES in all
// once uncompressed. fflate inflates each entry into a buffer of its declared size, so an entry
// that lies about its size yields at most that many bytes (checked: a 5 MB entry declared as
// 100 bytes comes out as 100 bytes), never more. fflate checks no CRC-32, so each entry's bytes
// are checked here against the CRC and size the central directory declares: a damaged or
// truncated entry is refused, never stored as a document that differs from the one zipped.

export const MAX_ZIP_FILES = 1000;
export const MAX_ZIP_BYTES = 100 * 1024 * 1024;
const ARCHIVES = /\.(zip|gz|tgz|tar|bz2|xz|7z|rar|zst)$/i;

export type ZipEntry = { name: string; bytes: Uint8Array } | { name: string; refused: string };

export class ZipRefused extends Error {}

const UNREADABLE = "it is not a readable zip archive";
const utf8 = new TextDecoder();

/**
 * Each entry's CRC-32 and uncompressed size, by name, as the central directory declares them
 * (PKWARE's APPNOTE, sections 4.3.12 to 4.3.16, ZIP64 included). Names are decoded as fflate
 * decodes them: UTF-8 when the entry's flag bit 11 says so, else one character per byte.
 */
function declaredEntries(bytes: Uint8Array): Map<string, { crc: number; size: number }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  const declared = new Map<string, { crc: number; size: number }>();
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50 || at + 46 > buf.length) throw new ZipRefused(UNREADABLE);
    const names = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const nameBytes = buf.subarray(at + 46, at + 46 + names);
    const name = buf.readUInt16LE(at + 8) & 0x800 ? utf8.decode(nameBytes) : nameBytes.toString("latin1");
    let size = buf.readUInt32LE(at + 24);
    if (size === 0xffffffff) {
      // The ZIP64 extra field (id 1) holds the real size first.
      for (let e = at + 46 + names; e + 4 <= at + 46 + names + extra; e += 4 + buf.readUInt16LE(e + 2)) {
        if (buf.readUInt16LE(e) === 1) {
          size = u64(e + 4);
          break;
        }
      }
    }
    declared.set(name, { crc: buf.readUInt32LE(at + 16), size });
    at += 46 + names + extra + buf.readUInt16LE(at + 32);
  }
  return declared;
}

/** The files of a zip archive (directories and macOS metadata left out), or ZipRefused. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  let files = 0;
  let total = 0;
  const nested: string[] = [];
  let opened: Record<string, Uint8Array>;
  try {
    opened = unzipSync(bytes, {
      filter(file) {
        const name = file.name;
        if (name.endsWith("/") || name.startsWith("__MACOSX/") || /(^|\/)\.[^/]*$/.test(name)) return false;
        if (ARCHIVES.test(name)) {
          nested.push(name);
          return false;
        }
        files += 1;
        total += file.originalSize;
        if (files > MAX_ZIP_FILES) throw new ZipRefused(`it holds more than ${MAX_ZIP_FILES} files`);
        if (total > MAX_ZIP_BYTES) throw new ZipRefused(`it expands to more than ${MAX_ZIP_BYTES / 1024 / 1024} MB`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    throw new ZipRefused(UNREADABLE);
  }
  const declared = declaredEntries(bytes);
  const entries: ZipEntry[] = Object.entries(opened).map(([name, data]) => {
    const expected = declared.get(name);
    if (!expected || expected.size !== data.length || expected.crc !== crc32(data))
      return { name, refused: "it is damaged: its bytes do not match the archive's checksum" };
    return { name, bytes: data };
  });
  for (const name of nested) entries.push({ name, refused: "archives inside an archive are not opened" });
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
