import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { waitForLockWaiters } from "@/lib/testing/lock-waits";
import { addDocuments } from "./add-documents";
import { chunkText } from "./chunk";
import { ensureChunks } from "./ensure-chunks";
import { chunkSettingsOf } from "./settings";
import { settingsKey } from "./settings-key";

const article = (n: number) =>
  Array.from(
    { length: 30 },
    (_, i) => `Article ${n} makes point ${i}, e.g. about Dr. Who and the U.S. Army today.`,
  ).join(" ");

async function projectWithDocuments(count: number) {
  const admin = await createTestUser({ role: "ADMIN" });
  const project = await createTestProject({ createdById: admin.id });
  await db.project.update({ where: { id: project.id }, data: { chunkMinChars: 300, chunkMaxChars: 600 } });
  const report = await addDocuments({
    projectId: project.id,
    userId: admin.id,
    documents: [
      ...Array.from({ length: count }, (_, n) => ({ title: `Article ${n}`, text: article(n) })),
      { title: "Short", text: "Too short to be a chunk." },
    ],
  });
  expect(report.stored).toBe(count + 1);
  return project;
}

describe("ensureChunks", () => {
  it("stores each document's chunks once under the current settings, and again only for new settings", async () => {
    const project = await projectWithDocuments(3);
    const first = await ensureChunks(project.id);
    const fresh = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    const expected = [0, 1, 2].reduce((n, i) => n + chunkText(article(i), chunkSettingsOf(fresh)).length, 0) + 1;
    expect(first).toEqual({
      settings: chunkSettingsOf(fresh),
      settingsKey: settingsKey(chunkSettingsOf(fresh)),
      chunks: expected,
    });
    expect(await ensureChunks(project.id)).toEqual(first);
    expect(await db.chunk.count({ where: { projectId: project.id } })).toBe(expected);

    // Stored chunks are the chunker's, offsets into the cleaned text.
    const chunks = await db.chunk.findMany({ where: { projectId: project.id }, include: { document: true } });
    for (const c of chunks) expect(c.document.cleanText.slice(c.start, c.end)).toBe(c.text);

    // New settings: the short document is dropped, the old chunks stay for the runs that used them.
    await db.project.update({ where: { id: project.id }, data: { shortDocuments: "DROP", chunkMaxChars: 900 } });
    const second = await ensureChunks(project.id);
    expect(second.settingsKey).not.toBe(first.settingsKey);
    expect(await db.chunk.count({ where: { projectId: project.id, settingsKey: first.settingsKey } })).toBe(expected);
    expect(await db.chunk.count({ where: { projectId: project.id, settingsKey: second.settingsKey } })).toBe(
      second.chunks,
    );
    expect(await ensureChunks(project.id)).toEqual(second);
  });

  it("stores no chunk twice when called concurrently", async () => {
    const project = await projectWithDocuments(60);
    const [a, b] = await Promise.all([ensureChunks(project.id), ensureChunks(project.id)]);
    expect(a).toEqual(b);
    const stored = await db.chunk.count({ where: { projectId: project.id } });
    expect(stored).toBe(a.chunks);
    const distinct = await db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT ("documentId", "index"))::int AS n FROM "Chunk" WHERE "projectId" = ${project.id}`;
    expect(distinct[0]!.n).toBe(stored);
  });

  it("skips a document deleted while its chunks are being stored, instead of failing", async () => {
    const project = await projectWithDocuments(2);
    const [gone, kept] = await db.document.findMany({
      where: { projectId: project.id, title: { startsWith: "Article" } },
    });
    const deleter = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await deleter.connect();
    try {
      // The delete is under way (not committed) when ensureChunks reads the documents.
      await deleter.query("BEGIN");
      await deleter.query(`DELETE FROM "Document" WHERE "id" = $1`, [gone!.id]);
      const chunking = ensureChunks(project.id);
      await waitForLockWaiters(deleter);
      await deleter.query("COMMIT");
      const { chunks } = await chunking;
      const stored = await db.chunk.groupBy({ by: ["documentId"], where: { projectId: project.id }, _count: true });
      expect(stored.map((s) => s.documentId)).not.toContain(gone!.id);
      expect(stored.map((s) => s.documentId)).toContain(kept!.id);
      expect(chunks).toBe(stored.reduce((n, s) => n + s._count, 0));
    } finally {
      await deleter.end();
    }
  });
});
