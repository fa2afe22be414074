import { createHash } from "node:crypto";
import type { ChunkSettings } from "./settings";

// Bumped whenever chunkText would cut the same text differently: chunks stored under the old
// key stay with the runs that used them, and new runs get freshly cut ones.
// 2: lengths in code points rather than UTF-16 units.
// 3: code blocks and tables kept whole, chunks started at headings, sentences only in prose.
const CHUNKER_VERSION = 3;

/** sha256 of the settings (and the chunker's version), in a fixed field order. */
export function settingsKey(settings: ChunkSettings): string {
  const canonical = JSON.stringify([
    CHUNKER_VERSION,
    settings.minChars,
    settings.maxChars,
    settings.overlapSentences,
    settings.shortDocuments,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
