import type { ExportFileType, ExportOptions } from "./options";

// How an export file is named and typed, the same for a fresh export and a re-download.

export interface ExportDownload {
  snapshotId: string;
  fileName: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
  /** Known for re-downloads only: a fresh export learns them as it streams. */
  byteSize?: number;
  checksum?: string;
}

const contentTypes: Record<ExportFileType, string> = {
  jsonl: "application/x-ndjson",
  parquet: "application/vnd.apache.parquet",
};

export const contentTypeFor = (type: ExportFileType) => contentTypes[type];

/** ASCII, lower case, dashes: safe in a Content-Disposition header and on every file system. */
export function slug(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "export";
}

type Naming = Pick<ExportOptions, "format" | "type" | "run">;

/** project-format-split.type; an instruction run's items carry the run's id after the format. */
export function fileNameFor(projectName: string, options: Naming & Pick<ExportOptions, "split">): string {
  const run = options.run !== undefined ? `-${slug(options.run)}` : "";
  return `${slug(projectName)}-${options.format}${run}-${options.split}.${options.type}`;
}

/** The card's data files: one file for an unsplit export, else the train and test files. */
export function dataFilesFor(
  projectName: string,
  options: Naming & Pick<ExportOptions, "split" | "testFraction" | "testCount">,
) {
  const split = options.testFraction !== undefined || options.testCount !== undefined;
  if (options.split === "all" || !split)
    return [{ split: "train", path: fileNameFor(projectName, { ...options, split: "all" }) }];
  return (["train", "test"] as const).map((s) => ({
    split: s,
    path: fileNameFor(projectName, { ...options, split: s }),
  }));
}

/**
 * The response headers for a download (the caller sets the status). Without a snapshot id: the
 * headers a HEAD request gets for an export, which starts none.
 */
export function downloadHeaders(
  d: Omit<ExportDownload, "body" | "snapshotId"> & { snapshotId?: string },
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": d.contentType,
    "Content-Disposition": `attachment; filename="${d.fileName}"`,
    "Cache-Control": "no-store",
  };
  if (d.snapshotId) headers["X-Pairwise-Snapshot"] = d.snapshotId;
  if (d.byteSize !== undefined) {
    headers["Content-Length"] = String(d.byteSize);
    // Next.js drops Content-Length from a route's response; the web server sets it from this
    // (lib/runtime/declared-length.mjs).
    headers["X-Pairwise-Content-Length"] = String(d.byteSize);
  }
  if (d.checksum) {
    headers.ETag = `"sha256-${d.checksum}"`;
    headers["X-Pairwise-Checksum"] = `sha256:${d.checksum}`;
  }
  return headers;
}
