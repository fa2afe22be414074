import { describe, expect, it } from "vitest";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { createTestProject } from "@/lib/testing/factories";
import { addDocuments } from "./add-documents";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("adding documents: duplicates", () => {
  it("takes the same notes with CRLF line endings and trailing spaces as a duplicate, saying so", async () => {
    const project = await createTestProject();
    const notes = "Tides\n\nThe moon pulls the sea twice a day.\nSpring tides come with the full moon.\n";
    const add = (fileName: string, text: string) =>
      addDocuments({
        projectId: project.id,
        userId: project.createdById,
        documents: [{ fileName, bytes: bytes(text) }],
      });
    expect((await add("notes.txt", notes)).stored).toBe(1);
    const same = await add("notes.txt", notes);
    expect(same.documents).toEqual([expect.objectContaining({ status: "duplicate", title: "notes.txt" })]);
    expect(same.documents[0]).not.toHaveProperty("sameOnceCleaned");
    const crlf = await add("notes-windows.txt", notes.replace(/\n/g, "  \r\n"));
    expect(crlf.stored).toBe(0);
    expect(crlf.documents).toEqual([
      expect.objectContaining({ status: "duplicate", title: "notes.txt", sameOnceCleaned: true }),
    ]);
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(1);
    // Another text is stored.
    expect((await add("other.txt", notes.replace("twice", "two times"))).stored).toBe(1);
  });
});

describe("adding documents: the raw text", () => {
  it("keeps the raw text exactly as uploaded, byte order mark and trailing spaces included", async () => {
    const project = await createTestProject();
    const file = "\uFEFFThe moon pulls the sea.\nI typed it.   \n";
    const pasted = "Pasted words, then spaces.   \n\n";
    const report = await addDocuments({
      projectId: project.id,
      userId: project.createdById,
      documents: [
        { fileName: "bom.txt", bytes: bytes(file) },
        { title: "Pasted", text: pasted },
      ],
    });
    expect(report.stored).toBe(2);
    const stored = await db.document.findMany({
      where: { projectId: project.id },
      select: { title: true, rawText: true, cleanText: true, byteSize: true },
      orderBy: { title: "asc" },
    });
    expect(stored).toEqual([
      {
        title: "Pasted",
        rawText: pasted,
        cleanText: "Pasted words, then spaces.   ",
        byteSize: bytes(pasted).byteLength,
      },
      {
        title: "bom.txt",
        rawText: file,
        cleanText: "The moon pulls the sea.\nI typed it.   ",
        byteSize: bytes(file).byteLength,
      },
    ]);
    expect(Buffer.from(stored[1]!.rawText, "utf8")).toEqual(Buffer.from(bytes(file)));
  });
});

describe("adding documents: an archived project", () => {
  it("stores nothing in a project archived while the upload was read", async () => {
    const project = await createTestProject({ archivedAt: new Date() });
    await expect(
      addDocuments({
        projectId: project.id,
        userId: project.createdById,
        documents: [{ title: "Note", text: "The moon pulls the sea." }],
      }),
    ).rejects.toMatchObject({
      code: "archived",
      message: "This project is archived; unarchive it to upload documents",
    });
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("stores nothing when the project is archived while the upload is being stored", async () => {
    const project = await createTestProject();
    // An admin archives the project, their transaction not yet committed.
    const archiving = await bulkPool().connect();
    try {
      await archiving.query("BEGIN");
      await archiving.query(`UPDATE "Project" SET "archivedAt" = now() WHERE "id" = $1`, [project.id]);
      const upload = addDocuments({
        projectId: project.id,
        userId: project.createdById,
        documents: [{ title: "Note", text: "The moon pulls the sea." }],
      });
      // The upload reaches its commit and waits for the archive to settle, rather than storing
      // its documents in a project about to be archived.
      let waiting = false;
      let finished = false;
      // Handled here (the upload is expected to fail), and awaited below.
      void upload.finally(() => (finished = true)).catch(() => undefined);
      while (!waiting && !finished) {
        // Not on the archiving connection: in a transaction, pg_stat_activity keeps its first answer.
        const { rows } = await bulkPool().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
        );
        waiting = rows[0]!.n > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      await archiving.query("COMMIT");
      await expect(upload).rejects.toMatchObject({ code: "archived" });
    } finally {
      archiving.release();
    }
    expect(await db.document.count({ where: { projectId: project.id } })).toBe(0);
  });
});
