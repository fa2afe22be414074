import { z } from "zod";

// How a document's cleaned text is cut into chunks. Client-safe: the settings form uses the
// same schema as the routes. Lengths are in characters (code points), as the documents pages count
// them; a chunk's offsets are UTF-16 (lib/documents/chunk.ts).

export const CHUNK_MAX_LIMIT = 100_000;
/**
 * The smallest maximum: a chunk is a passage a model writes an instruction for, and a 10 MB book
 * cut into a few characters each would be millions of chunks.
 */
export const CHUNK_MAX_FLOOR = 100;
export const OVERLAP_MAX = 10;

export const chunkSettingsSchema = z
  .object({
    minChars: z.coerce.number().int().min(1).max(CHUNK_MAX_LIMIT),
    maxChars: z.coerce
      .number()
      .int()
      .min(CHUNK_MAX_FLOOR, `A chunk's maximum must be at least ${CHUNK_MAX_FLOOR} characters`)
      .max(CHUNK_MAX_LIMIT),
    overlapSentences: z.coerce.number().int().min(0).max(OVERLAP_MAX),
    shortDocuments: z.enum(["KEEP", "DROP"]),
    /**
     * The settings the form was loaded with: the save is refused (409 edit_conflict) if they are
     * no longer the stored ones. Scripts that send none are not checked.
     */
    expected: z
      .object({
        minChars: z.number().int(),
        maxChars: z.number().int(),
        overlapSentences: z.number().int(),
        shortDocuments: z.enum(["KEEP", "DROP"]),
      })
      .optional(),
  })
  .refine((s) => s.minChars <= s.maxChars, {
    message: "The minimum must not be larger than the maximum",
    path: ["minChars"],
  });

export type ChunkSettingsInput = z.infer<typeof chunkSettingsSchema>;
export type ChunkSettings = Omit<ChunkSettingsInput, "expected">;

export const DEFAULT_CHUNK_SETTINGS: ChunkSettings = {
  minChars: 1000,
  maxChars: 2000,
  overlapSentences: 0,
  shortDocuments: "KEEP",
};

/** A project's chunking settings, from its columns. */
export function chunkSettingsOf(project: {
  chunkMinChars: number;
  chunkMaxChars: number;
  chunkOverlapSentences: number;
  shortDocuments: "KEEP" | "DROP";
}): ChunkSettings {
  return {
    minChars: project.chunkMinChars,
    maxChars: project.chunkMaxChars,
    overlapSentences: project.chunkOverlapSentences,
    shortDocuments: project.shortDocuments,
  };
}
