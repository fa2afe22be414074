import { hasField, pairColumns, previewPrefix, promptColumns, type ImportFormat } from "@/lib/imports";
import { longerPreviewBytes, PREVIEW_BYTES } from "./preview-budget";
import type { ImportPreviewView } from "./types";

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The preview for the import screen: the first five records, their columns, and the columns
 * an import would pick by itself, so the mapping form starts from what would happen anyway.
 */
export async function buildImportPreview(
  bytes: Uint8Array,
  options: PreviewFormat & { complete: boolean },
): Promise<ImportPreviewView> {
  const preview = await previewPrefix(bytes, { ...options, limit: 5 });
  // A CSV header binds every row. JSON records may differ, so the first one speaks for the file,
  // as it does for pairStyle (a stray "prompt" key further down must not win over "question").
  const header = Object.fromEntries(preview.columns.map((c) => [c, ""]));
  const sample = preview.format === "csv" || preview.format === "text" ? header : (preview.rows[0] ?? header);
  const prompt = promptColumns(sample, undefined);
  const pair = pairColumns(sample, undefined);
  return {
    ...preview,
    suggested: {
      prompts: defined({ prompt: prompt.prompt, system: prompt.system, externalId: prompt.externalId }),
      pairs: defined({
        prompt: pair.prompt,
        system: pair.system,
        chosen: hasField(sample, pair.chosen) ? pair.chosen : undefined,
        rejected: hasField(sample, pair.rejected) ? pair.rejected : undefined,
        externalId: pair.externalId,
      }),
    },
  };
}

type PreviewFormat = { format?: ImportFormat; fileName?: string };

/**
 * The preview of an upload, read a slice at a time: 64 KiB, and more only while the first record
 * has not ended (see preview-budget.ts). `partial` says the upload is itself only the start of
 * the file, as the browser sends it.
 */
export async function previewUpload(
  read: (maxBytes: number) => Promise<{ bytes: Uint8Array; complete: boolean }>,
  options: PreviewFormat & { partial: boolean },
): Promise<ImportPreviewView> {
  const { partial, ...format } = options;
  for (let size = PREVIEW_BYTES; ;) {
    const { bytes, complete } = await read(size);
    const preview = await buildImportPreview(bytes, { ...format, complete: complete && !partial });
    const next = complete ? null : longerPreviewBytes(preview, size);
    if (next === null) return preview;
    size = next;
  }
}
