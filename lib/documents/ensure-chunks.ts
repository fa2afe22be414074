import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { chunkText } from "./chunk";
import { chunkSettingsOf, type ChunkSettings } from "./settings";
import { settingsKey } from "./settings-key";

// Documents are listed a few at a time: a project's texts need not fit in memory together.
const BATCH = 50;

/**
 * Stores the chunks of every document of the project under its current chunking settings, and
 * returns those settings, their key and how many chunks the project has under them. Safe to
 * call any number of times and from several processes at once: chunking is deterministic and a
 * chunk is unique per document, settings and index, so a chunk another call stored first is
 * simply not inserted again.
 */
export async function ensureChunks(
  projectId: string,
): Promise<{ settings: ChunkSettings; settingsKey: string; chunks: number }> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { chunkMinChars: true, chunkMaxChars: true, chunkOverlapSentences: true, shortDocuments: true },
  });
  const settings = chunkSettingsOf(project);
  const key = settingsKey(settings);
  // Walked by id, so a document that yields no chunk (short and dropped) is not read again. One
  // document's text is read, cut and stored at a time, with a turn for other requests after
  // each: cutting a batch of 10 MB documents at once held the event loop for 43 seconds and the
  // texts, their chunks and the statement's arguments in memory together (past 2 GB). The plain
  // pg pool, not Prisma, which keeps recent statements' arguments (lib/bulk-db.ts).
  const pool = bulkPool();
  let after = "";
  for (;;) {
    const { rows: ids } = await pool.query<{ id: string }>(
      `SELECT d."id" FROM "Document" d
       WHERE d."projectId" = $1 AND d."id" > $2
         AND NOT EXISTS (SELECT 1 FROM "Chunk" c WHERE c."documentId" = d."id" AND c."settingsKey" = $3)
       ORDER BY d."id" LIMIT ${BATCH}`,
      [projectId, after, key],
    );
    for (const { id } of ids) {
      const {
        rows: [document],
      } = await pool.query<{ cleanText: string }>(`SELECT "cleanText" FROM "Document" WHERE "id" = $1`, [id]);
      const rows = document ? chunkText(document.cleanText, settings) : [];
      if (rows.length) {
        const col = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
        await pool.query(
          `INSERT INTO "Chunk" ("id", "projectId", "documentId", "settingsKey", "index", "text", "start", "end")
           SELECT gen_random_uuid()::text, $1, $2, $3, x."index", x."text", x."start", x."end"
           FROM unnest($4::int[], $5::text[], $6::int[], $7::int[]) AS x("index", "text", "start", "end")
           -- A document deleted meanwhile has no chunks to store. The lock makes a delete under way
           -- finish first (then its row is skipped) rather than fail this insert's foreign key.
           WHERE EXISTS (SELECT 1 FROM "Document" d WHERE d."id" = $2 FOR KEY SHARE)
           ON CONFLICT DO NOTHING`,
          [projectId, id, key, col((r) => r.index), col((r) => r.text), col((r) => r.start), col((r) => r.end)],
        );
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (ids.length < BATCH) break;
    after = ids[ids.length - 1]!.id;
  }
  const chunks = await db.chunk.count({ where: { projectId, settingsKey: key } });
  return { settings, settingsKey: key, chunks };
}
