import { randomUUID } from "node:crypto";
import { expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { sameOriginJson } from "@/lib/testing/requests";

const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => als.user }));

const { GET } = await import("./route");

/** A run of `kind` with kept items (texts meant to trip an encoder; more than one page of the stream) and dropped ones. */
async function runWithItems(kind: "DOC_INSTRUCTIONS" | "DOC_PREFERENCES") {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "Notes — SFT", generationMode: "IMPORTED", evaluationMode: "IMPLICIT", createdById: admin.id },
  });
  const doc = await db.document.create({
    data: {
      projectId: project.id,
      title: "d",
      format: "TEXT",
      rawText: "t",
      cleanText: "t",
      checksum: randomUUID(),
      byteSize: 1,
      createdById: admin.id,
    },
  });
  const chunk = await db.chunk.create({
    data: { projectId: project.id, documentId: doc.id, settingsKey: "k", index: 0, text: "t", start: 0, end: 1 },
  });
  const run = await db.run.create({ data: { projectId: project.id, kind, createdById: admin.id } });
  const kept = Array.from({ length: 1001 }, (_, i) => ({
    instruction: `How does step ${i} work?  ${i % 3 ? "“quoted”\ttab" : "emoji 🍞 and \\ backslash"}`,
    answer: `Answer ${i}:\n  keep the spaces  \r\nand "quotes" </script>`,
  }));
  await db.docItem.createMany({
    data: [
      ...kept.map((k, i) => ({
        runId: run.id,
        chunkId: chunk.id,
        documentId: doc.id,
        itemIndex: i,
        ...k,
        status: "KEPT" as const,
      })),
      ...[0, 1].map((i) => ({
        runId: run.id,
        chunkId: chunk.id,
        documentId: doc.id,
        itemIndex: 2000 + i,
        instruction: `According to the text, ${i}?`,
        answer: "dropped",
        status: "DROPPED" as const,
        droppedAt: "SOURCE_MENTION" as const,
      })),
    ],
  });
  als.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  return { project, run, kept };
}

async function download(projectId: string, runId: string, query = "") {
  const req = new Request(`http://test/api/projects/${projectId}/documents/runs/${runId}/sft${query}`, {
    headers: sameOriginJson,
  });
  const res = await GET(req, { params: Promise.resolve({ id: projectId, runId }) });
  return { res, text: await res.text() };
}

const lines = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { instruction: string; output: string });
const sorted = <T extends { instruction: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.instruction.localeCompare(b.instruction));

it("downloads exactly the kept items as {instruction, output}, verbatim, and splits them by instruction", async () => {
  const { project, run, kept } = await runWithItems("DOC_INSTRUCTIONS");
  const all = await download(project.id, run.id);
  expect(all.res.status).toBe(200);
  expect(all.res.headers.get("content-type")).toBe("application/x-ndjson");
  expect(all.res.headers.get("content-disposition")).toContain(`notes-sft-sft-${run.id}-all.jsonl`);
  expect(sorted(lines(all.text))).toEqual(sorted(kept.map((k) => ({ instruction: k.instruction, output: k.answer }))));
  for (const l of all.text.split("\n").filter(Boolean))
    expect(Object.keys(JSON.parse(l))).toEqual(["instruction", "output"]);

  const train = lines((await download(project.id, run.id, "?split=train&testFraction=0.3&seed=s")).text);
  const test = lines((await download(project.id, run.id, "?split=test&testFraction=0.3&seed=s")).text);
  expect(train.length).toBeGreaterThan(0);
  expect(test.length).toBeGreaterThan(0);
  expect(sorted([...train, ...test])).toEqual(sorted(lines(all.text)));
  // The same seed gives the same split.
  expect(lines((await download(project.id, run.id, "?split=test&testFraction=0.3&seed=s")).text)).toEqual(test);
});

it("refuses a preference run (409) and a split without its fraction (422)", async () => {
  const prefs = await runWithItems("DOC_PREFERENCES");
  const r = await download(prefs.project.id, prefs.run.id);
  expect(r.res.status).toBe(409);
  expect(JSON.parse(r.text).error.code).toBe("not_instructions");
  const inst = await runWithItems("DOC_INSTRUCTIONS");
  expect((await download(inst.project.id, inst.run.id, "?split=test")).res.status).toBe(422);
});
