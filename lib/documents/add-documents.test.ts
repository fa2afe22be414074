import { describe, expect, it } from "vitest";
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
