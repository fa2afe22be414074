import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { addDocuments } from "./add-documents";
import { characterCount } from "./characters";
import { listDocuments } from "./documents";
import { previewChunks } from "./preview";

describe("counting characters", () => {
  it("counts what a reader sees: an emoji or a letter beyond the BMP is one character", () => {
    expect(characterCount("")).toBe(0);
    expect(characterCount("plain")).toBe(5);
    expect(characterCount("😀")).toBe(1);
    expect(characterCount("𝔘𝔫𝔦")).toBe(3);
    expect(characterCount("\u00e9 and e\u0301")).toBe(8); // composed and decomposed: code points, as stored
    expect(characterCount("a\ud800b")).toBe(3);
  });

  it("gives the documents list and the chunk preview the same count for the same text", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ createdById: admin.id });
    // Shorter than the minimum chunk: kept whole, so its one chunk is the whole cleaned text.
    const text = "Tide tables 🌊 for the harbour, with notes in 𝔣𝔯𝔞𝔨𝔱𝔲𝔯 and a smile 😀. ".repeat(3).trim();
    const report = await addDocuments({
      projectId: project.id,
      userId: admin.id,
      documents: [{ title: "Tides", text }],
    });
    expect(report.stored).toBe(1);
    const [listed] = await listDocuments(project.id);
    const preview = await previewChunks(project.id, {
      minChars: 1000,
      maxChars: 2000,
      overlapSentences: 0,
      shortDocuments: "KEEP",
    });
    expect(listed!.characters).toBe(characterCount(text));
    expect(listed!.characters).toBeLessThan(text.length);
    expect(preview.shortest!.text).toBe(text);
    expect(preview.shortest!.length).toBe(listed!.characters);
  });

  it("lists documents stored under an earlier chunker with their chunks under the current one", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ createdById: admin.id });
    await addDocuments({
      projectId: project.id,
      userId: admin.id,
      documents: [{ title: "Old", text: "An old note." }],
    });
    // As after an upgrade that changed the chunker: its chunks are under a key no longer current.
    await db.chunk.updateMany({ where: { projectId: project.id }, data: { settingsKey: "chunker-1-old" } });
    const [listed] = await listDocuments(project.id);
    expect(listed!.chunks).toBe(1);
  });
});
