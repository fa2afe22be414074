import { randomUUID } from "node:crypto";
import { expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { sameOriginJson } from "@/lib/testing/requests";

const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => als.user,
  sessionAccountDeactivated: async () => false,
}));

const next = (await import("@/app/api/projects/[id]/annotate/next/route")).POST;

const PASSAGE = "The author's own words, exactly:  two spaces kept, and “quotes”.";

/** A project with one pair from a document (the extract as B) and one imported pair. */
async function setUp() {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "docs", generationMode: "IMPORTED", evaluationMode: "HUMAN", overlap: 1, createdById: admin.id },
  });
  const doc = await db.document.create({
    data: {
      projectId: project.id,
      title: "Notes on sourdough",
      format: "TEXT",
      rawText: PASSAGE,
      cleanText: PASSAGE,
      checksum: randomUUID(),
      byteSize: PASSAGE.length,
      createdById: admin.id,
    },
  });
  const chunk = await db.chunk.create({
    data: {
      projectId: project.id,
      documentId: doc.id,
      settingsKey: "k",
      index: 0,
      text: PASSAGE,
      start: 0,
      end: PASSAGE.length,
    },
  });
  for (const fromDoc of [true, false]) {
    const prompt = await db.prompt.create({
      data: { projectId: project.id, text: fromDoc ? "from a document" : "imported", promptKey: randomUUID() },
    });
    const a = await db.candidate.create({
      data: { projectId: project.id, promptId: prompt.id, source: "IMPORTED", text: "model answer" },
    });
    const b = await db.candidate.create({
      data: {
        projectId: project.id,
        promptId: prompt.id,
        source: fromDoc ? "DOCUMENT" : "IMPORTED",
        chunkId: fromDoc ? chunk.id : null,
        text: fromDoc ? "two spaces kept" : "other answer",
        sampleIndex: 1,
      },
    });
    await db.pair.create({
      data: { projectId: project.id, promptId: prompt.id, candidateAId: a.id, candidateBId: b.id },
    });
  }
  const u = await db.user.create({ data: { email: `ann-${randomUUID()}@x.test`, passwordHash: "x" } });
  await db.projectMember.create({ data: { projectId: project.id, userId: u.id } });
  return { project, user: { id: u.id, email: u.email, name: null, role: "ANNOTATOR" as const } };
}

it("serves the source passage, verbatim with its document's title, only with pairs from a document", async () => {
  const { project, user } = await setUp();
  als.user = user;
  const req = new Request("http://test/api", {
    method: "POST",
    headers: sameOriginJson,
    body: JSON.stringify({ count: 2, holding: [] }),
  });
  const res = await next(req, { params: Promise.resolve({ id: project.id }) });
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: { prompt: { text: string }; source?: unknown }[] };
  expect(items).toHaveLength(2);
  const byPrompt = new Map(items.map((i) => [i.prompt.text, i]));
  expect(byPrompt.get("from a document")!.source).toEqual({ documentTitle: "Notes on sourdough", text: PASSAGE });
  expect(byPrompt.get("imported")).not.toHaveProperty("source");
});
