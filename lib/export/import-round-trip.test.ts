import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { importPairs } from "@/lib/pairs/import-pairs";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { exportBytes } from "./test-helpers";

// A TRL file imported and exported again gives back every triple byte for byte: whitespace at
// either end, CRLF, right-to-left text, emoji and control characters are the dataset's, not ours
// to tidy.

const triples = [
  { prompt: "\n\nLeading blank lines, trailing spaces   ", chosen: " The sky is blue.", rejected: " green.  " },
  { prompt: "Windows line ends\r\nsecond line\r\n", chosen: "yes\r\n", rejected: "\r\nno" },
  { prompt: "ما هي عاصمة مصر؟ (RTL with \u200f marks)", chosen: "القاهرة", rejected: "\u202eegami" },
  { prompt: "Emoji 👩‍👩‍👧 and flags 🇫🇷\t", chosen: "🎉\ttab", rejected: "e\u0301 (combining) vs é" },
  { prompt: "control \u0001\u0007\u001b[0m chars", chosen: "bell \u0007", rejected: "\u000bvertical\ftab" },
  { prompt: "  ", chosen: "an all-blank prompt is refused", rejected: "so this row is not exported" },
];

it("exports imported TRL pairs exactly as the file had them", async () => {
  const admin = await createTestUser({ role: "ADMIN" });
  const project = await createTestProject({
    createdById: admin.id,
    generationMode: "IMPORTED",
    evaluationMode: "IMPLICIT",
  });
  const file = triples.map((t) => JSON.stringify({ ...t, id: randomUUID() })).join("\r\n") + "\r\n";
  const { batch } = await importPairs({
    projectId: project.id,
    userId: admin.id,
    input: file,
    fileName: "pairs.jsonl",
  });
  expect(batch).toMatchObject({ imported: 5, invalid: 1 });
  expect(batch.errors[0]!.message).toBe('line 6: column "prompt" is empty (only whitespace)');

  const exported = (await exportBytes(project.id, { format: "trl" }))
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { prompt: string; chosen: string; rejected: string });
  const bytes = (t: { prompt: string; chosen: string; rejected: string }) =>
    Buffer.from(JSON.stringify([t.prompt, t.chosen, t.rejected]), "utf8").toString("hex");
  expect(exported.map(bytes).sort()).toEqual(triples.slice(0, 5).map(bytes).sort());
  expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(5);
});

it("exports the columns an import kept as metadata with each row, when the file carries metadata", async () => {
  const admin = await createTestUser({ role: "ADMIN" });
  const project = await createTestProject({
    createdById: admin.id,
    generationMode: "IMPORTED",
    evaluationMode: "IMPLICIT",
  });
  const extra = [
    { topic: "ships", score: 4.5, tags: ["sea", "wind"], review: { by: "ana", ok: true } },
    { topic: "bees", score: null },
  ];
  const file = extra
    .map((e, i) => JSON.stringify({ prompt: `prompt ${i}`, chosen: `good ${i}`, rejected: `bad ${i}`, ...e }))
    .join("\n");
  const { batch } = await importPairs({ projectId: project.id, userId: admin.id, input: file, fileName: "p.jsonl" });
  expect(batch).toMatchObject({ imported: 2, invalid: 0 });
  const rows = (await exportBytes(project.id, { format: "trl", metadata: true }))
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as { prompt: string; prompt_metadata: unknown });
  expect(Object.fromEntries(rows.map((r) => [r.prompt, r.prompt_metadata]))).toEqual({
    "prompt 0": extra[0],
    "prompt 1": extra[1],
  });
});
