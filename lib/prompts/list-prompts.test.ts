import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { jsonl } from "@/lib/imports/test-helpers";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { importPrompts } from "./import-prompts";
import { LISTED_TEXT_CHARS, listPrompts } from "./list-prompts";

describe("listPrompts", () => {
  it("pages through a project's prompts newest first, with candidate counts", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ createdById: admin.id });
    const other = await createTestProject({ createdById: admin.id });
    const records = Array.from({ length: 5 }, (_, i) => ({ prompt: `p${i}`, id: `e${i}` }));
    await importPrompts({ projectId: project.id, userId: admin.id, input: jsonl(...records) });
    await importPrompts({ projectId: other.id, userId: admin.id, input: jsonl({ prompt: "elsewhere" }) });
    const later = await db.prompt.create({
      data: { projectId: project.id, text: "x".repeat(LISTED_TEXT_CHARS + 50), promptKey: "k" },
    });
    await db.candidate.create({
      data: { projectId: project.id, promptId: later.id, source: "IMPORTED", text: "answer" },
    });

    const first = await listPrompts(project.id, { limit: 3 });
    expect(first.total).toBe(6);
    expect(first.prompts.map((p) => p.externalId)).toEqual([null, "e4", "e3"]);
    expect(first.prompts[0]).toMatchObject({ id: later.id, counts: { candidates: 1, pairs: 0 } });
    expect(first.prompts[0]).toMatchObject({ textTruncated: true, textLength: LISTED_TEXT_CHARS + 50 });
    expect(first.prompts[0]!.text).toBe("x".repeat(LISTED_TEXT_CHARS));
    const second = await listPrompts(project.id, { limit: 3, cursor: first.nextCursor! });
    expect(second.prompts.map((p) => p.text)).toEqual(["p2", "p1", "p0"]);
    expect(second.total).toBeUndefined();
    expect(second.nextCursor).toBeNull();
  });

  it("cuts a long text before a character it would split in half", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ createdById: admin.id });
    // The emoji's two UTF-16 halves straddle the cut.
    const text = `${"x".repeat(LISTED_TEXT_CHARS - 1)}😀 and more`;
    await importPrompts({ projectId: project.id, userId: admin.id, input: jsonl({ prompt: text, system: text }) });
    const [listed] = (await listPrompts(project.id)).prompts;
    expect(listed).toMatchObject({ text: "x".repeat(LISTED_TEXT_CHARS - 1), textTruncated: true });
    expect(listed!.system).toBe("x".repeat(LISTED_TEXT_CHARS - 1));
  });

  it("answers 404 for a project that does not exist", async () => {
    await expect(listPrompts("missing")).rejects.toMatchObject({ code: "not_found" });
  });
});
