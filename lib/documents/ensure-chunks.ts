import "server-only";
import { db } from "@/lib/db";
import { chunkText } from "./chunk";
import { chunkSettingsOf } from "./settings";
import { settingsKey } from "./settings-key";

// Documents are read a few at a time: a project's texts need not fit in memory together.
const BATCH = 50;

/**
 * Stores the chunks of every document of the project under its current chunking settings, and
 * returns the key of those settings and how many chunks the project has under them. Safe to
 * call any number of times and from several processes at once: chunking is deterministic and a
 * chunk is unique per document, settings and index, so a chunk another call stored first is
 * simply not inserted again.
 */
export async function ensureChunks(projectId: string): Promise<{ settingsKey: string; chunks: number }> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { chunkMinChars: true, chunkMaxChars: true, chunkOverlapSentences: true, shortDocuments: true },
  });
  const settings = chunkSettingsOf(project);
  const key = settingsKey(settings);
  // Walked by id, so a document that yields no chunk (short and dropped) is not read again.
  let after = "";
  for (;;) {
    const documents = await db.$queryRaw<{ id: string; cleanText: string }[]>`
      SELECT d."id", d."cleanText" FROM "Document" d
      WHERE d."projectId" = ${projectId} AND d."id" > ${after}
        AND NOT EXISTS (SELECT 1 FROM "Chunk" c WHERE c."documentId" = d."id" AND c."settingsKey" = ${key})
      ORDER BY d."id" LIMIT ${BATCH}`;
    if (!documents.length) break;
    after = documents[documents.length - 1]!.id;
    const rows = documents.flatMap((d) => chunkText(d.cleanText, settings).map((c) => ({ documentId: d.id, ...c })));
    if (rows.length) {
      const col = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
      await db.$executeRaw`
        INSERT INTO "Chunk" ("id", "projectId", "documentId", "settingsKey", "index", "text", "start", "end")
        SELECT gen_random_uuid()::text, ${projectId}, x."documentId", ${key}, x."index", x."text", x."start", x."end"
        FROM unnest(${col((r) => r.documentId)}::text[], ${col((r) => r.index)}::int[], ${col((r) => r.text)}::text[],
          ${col((r) => r.start)}::int[], ${col((r) => r.end)}::int[]) AS x("documentId", "index", "text", "start", "end")
        -- A document deleted meanwhile has no chunks to store. The lock makes a delete under way
        -- finish first (then its row is skipped) rather than fail this insert's foreign key.
        WHERE EXISTS (SELECT 1 FROM "Document" d WHERE d."id" = x."documentId" FOR KEY SHARE)
        ON CONFLICT DO NOTHING`;
    }
    if (documents.length < BATCH) break;
  }
  const chunks = await db.chunk.count({ where: { projectId, settingsKey: key } });
  return { settingsKey: key, chunks };
}
