import { describe, expect, it } from "vitest";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { addDocuments } from "./add-documents";
import { previewChunks } from "./preview";

describe("chunk preview's length histogram", () => {
  it("counts a chunk of exactly the maximum in a bin whose label ends at the maximum", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ createdById: admin.id });
    // One sentence of exactly 600 characters: under min 200, max 600 it is one chunk of 600.
    const text = ("Harbour " + "tide ".repeat(200)).slice(0, 599).trimEnd().padEnd(599, "x") + ".";
    expect(text).toHaveLength(600);
    await addDocuments({ projectId: project.id, userId: admin.id, documents: [{ title: "Tides", text }] });
    const preview = await previewChunks(project.id, {
      minChars: 200,
      maxChars: 600,
      overlapSentences: 1,
      shortDocuments: "KEEP",
    });
    expect(preview.longest!.length).toBe(600);
    const counted = preview.histogram.filter((b) => b.count > 0);
    expect(counted).toEqual([{ from: 541, to: 600, count: 1 }]);
    // The bins follow one another with no gap or overlap, from 1 to the maximum.
    expect(preview.histogram[0]!.from).toBe(1);
    expect(preview.histogram.at(-1)!.to).toBe(600);
    for (let i = 1; i < preview.histogram.length; i++)
      expect(preview.histogram[i]!.from).toBe(preview.histogram[i - 1]!.to + 1);
  });
});
