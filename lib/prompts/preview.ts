import { hasField, pairColumns, previewPrefix, promptColumns, type ImportFormat } from "@/lib/imports";
import type { ImportPreviewView } from "./types";

/** How many bytes of a file the preview reads (the browser sends no more). */
export const PREVIEW_BYTES = 64 * 1024;

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The preview for the import screen: the first five records, their columns, and the columns
 * an import would pick by itself, so the mapping form starts from what would happen anyway.
 */
export async function buildImportPreview(
  bytes: Uint8Array,
  options: { complete: boolean; format?: ImportFormat; fileName?: string },
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
