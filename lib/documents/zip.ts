import { unzipSync } from "fflate";

// A .zip of documents, opened with fflate. Guarded against zip bombs by what the archive
// declares before anything is inflated: at most MAX_ZIP_FILES entries and MAX_ZIP_BYTES in all
// once uncompressed. fflate inflates each entry into a buffer of its declared size, so an entry
// that lies about its size yields at most that many bytes (checked: a 5 MB entry declared as
// 100 bytes comes out as 100 bytes), never more.

export const MAX_ZIP_FILES = 1000;
export const MAX_ZIP_BYTES = 100 * 1024 * 1024;
const ARCHIVES = /\.(zip|gz|tgz|tar|bz2|xz|7z|rar|zst)$/i;

export type ZipEntry = { name: string; bytes: Uint8Array } | { name: string; refused: string };

export class ZipRefused extends Error {}

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
    throw new ZipRefused("it is not a readable zip archive");
  }
  const entries: ZipEntry[] = Object.entries(opened).map(([name, data]) => ({ name, bytes: data }));
  for (const name of nested) entries.push({ name, refused: "archives inside an archive are not opened" });
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
