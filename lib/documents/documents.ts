import "server-only";
import { db } from "@/lib/db";
import { ensureChunks } from "./ensure-chunks";
import { chunkSettingsOf } from "./settings";

export interface DocumentListItem {
  id: string;
  title: string;
  fileName: string | null;
  format: "TEXT" | "MARKDOWN" | "HTML";
  byteSize: number;
  /** Of the cleaned text, in code points (char_length), as characterCount counts them. */
  characters: number;
  /** Chunks stored under the project's current settings. */
  chunks: number;
  createdAt: Date;
}

/**
 * The project's documents with their chunks under its current settings. Documents without them
 * (stored under an earlier chunker version, say) are chunked first, so the count is never a
 * stale 0. Once every document has its chunks this reads nothing but documents too short to give
 * one (shortDocuments DROP), which are cut again each time: cheap, as they are short. The first
 * listing after a chunker change cuts every document of the project, as a run would.
 */
export async function listDocuments(projectId: string): Promise<DocumentListItem[]> {
  const { settingsKey: key } = await ensureChunks(projectId);
  const rows = await db.$queryRaw<
    (Omit<DocumentListItem, "characters" | "chunks"> & { characters: number; chunks: number })[]
  >`
    SELECT d."id", d."title", d."fileName", d."format"::text AS "format", d."byteSize", d."createdAt",
      char_length(d."cleanText")::int AS "characters",
      (SELECT count(*)::int FROM "Chunk" c WHERE c."documentId" = d."id" AND c."settingsKey" = ${key}) AS "chunks"
    FROM "Document" d WHERE d."projectId" = ${projectId}
    ORDER BY d."createdAt" DESC, d."id" DESC`;
  return rows;
}

/**
 * A document as uploaded and cleaned, with where its chunks under the project's current settings
 * lie in the cleaned text (the chunks runs work on; cut first if they are not stored yet).
 */
export async function getDocument(projectId: string, documentId: string) {
  const { settingsKey } = await ensureChunks(projectId);
  const document = await db.document.findFirst({
    where: { id: documentId, projectId },
    select: {
      id: true,
      title: true,
      fileName: true,
      format: true,
      byteSize: true,
      checksum: true,
      rawText: true,
      cleanText: true,
      createdAt: true,
    },
  });
  if (!document) return null;
  const chunks = await db.chunk.findMany({
    where: { documentId, settingsKey },
    select: { index: true, start: true, end: true },
    orderBy: { index: "asc" },
  });
  return { ...document, chunks };
}

/** Deletes a document with its chunks; false when the project has no such document. */
export async function deleteDocument(projectId: string, documentId: string): Promise<boolean> {
  const { count } = await db.document.deleteMany({ where: { id: documentId, projectId } });
  return count > 0;
}

/** The project's current chunking settings. */
export async function getChunkSettings(projectId: string) {
  return chunkSettingsOf(await db.project.findUniqueOrThrow({ where: { id: projectId } }));
}
