import "server-only";
import { db } from "@/lib/db";
import { characterCount } from "./characters";
import { chunkText } from "./chunk";
import { editConflict } from "@/lib/projects";
import type { ChunkSettings, ChunkSettingsInput } from "./settings";

// What settings would give, before they are saved: computed from the documents as they are,
// nothing stored. Documents are read a few at a time.

const BATCH = 50;
const BINS = 10;
const EXAMPLES = 3;

export interface PreviewChunk {
  documentTitle: string;
  index: number;
  /** In characters (code points, ./characters.ts), as every count on the documents pages. */
  length: number;
  text: string;
}

export interface ChunkPreview {
  documents: number;
  /** Documents shorter than the minimum that the settings leave out. */
  droppedDocuments: number;
  chunks: number;
  /** Chunks by length: each bin counts the lengths from `from` to `to`, both included. */
  histogram: { from: number; to: number; count: number }[];
  shortest: PreviewChunk | null;
  longest: PreviewChunk | null;
  examples: PreviewChunk[];
}

export async function previewChunks(projectId: string, settings: ChunkSettings): Promise<ChunkPreview> {
  // Bins of equal width from 1 up to the maximum (a chunk is never longer than that), so a chunk
  // of exactly the maximum falls in the last bin and that bin's label ends at the maximum.
  const width = Math.max(1, Math.ceil(settings.maxChars / BINS));
  const counts = new Array<number>(BINS).fill(0);
  let documents = 0;
  let droppedDocuments = 0;
  let chunks = 0;
  let shortest: PreviewChunk | null = null;
  let longest: PreviewChunk | null = null;
  const examples: PreviewChunk[] = [];
  let after = "";
  for (;;) {
    const batch = await db.document.findMany({
      where: { projectId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, title: true, cleanText: true },
    });
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    for (const doc of batch) {
      documents++;
      const cut = chunkText(doc.cleanText, settings);
      if (!cut.length) droppedDocuments++;
      for (const c of cut) {
        chunks++;
        const length = characterCount(c.text);
        counts[Math.min(BINS - 1, Math.max(0, Math.floor((length - 1) / width)))]! += 1;
        const item = () => ({ documentTitle: doc.title, index: c.index, length, text: c.text });
        if (!shortest || length < shortest.length) shortest = item();
        if (!longest || length > longest.length) longest = item();
        if (
          examples.length < EXAMPLES &&
          (examples.length === 0 || examples[examples.length - 1]!.documentTitle !== doc.title)
        )
          examples.push(item());
      }
    }
    if (batch.length < BATCH) break;
  }
  const histogram = counts.map((count, i) => ({
    from: i * width + 1,
    to:
      i === BINS - 1 ? Math.max(settings.maxChars, longest?.length ?? 0) : Math.min((i + 1) * width, settings.maxChars),
    count,
  }));
  return { documents, droppedDocuments, chunks, histogram, shortest, longest, examples };
}

/** The project's columns that hold chunking settings. */
const columnsOf = (settings: ChunkSettings) => ({
  chunkMinChars: settings.minChars,
  chunkMaxChars: settings.maxChars,
  chunkOverlapSentences: settings.overlapSentences,
  shortDocuments: settings.shortDocuments,
});

/**
 * Saves the project's chunking settings, by `actorId`. With `expected` (the settings the form was
 * loaded with), a save made after someone else changed them is refused rather than undoing it.
 */
export async function saveChunkSettings(projectId: string, input: ChunkSettingsInput, actorId: string): Promise<void> {
  const { expected, ...settings } = input;
  const { count } = await db.project.updateMany({
    where: { id: projectId, ...(expected ? columnsOf(expected) : {}) },
    data: { ...columnsOf(settings), settingsChangedById: actorId, settingsChangedAt: new Date() },
  });
  if (count === 0 && expected) throw await editConflict(projectId, columnsOf(expected));
}
