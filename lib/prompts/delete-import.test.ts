import { TEST_ORIGIN } from "@/lib/testing/requests";
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { jsonl } from "@/lib/imports/test-helpers";
import { importPairs } from "@/lib/pairs/import-pairs";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { deleteImport, ImportInUseError } from "./delete-import";
import { importPrompts } from "./import-prompts";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));
const route = await import("@/app/api/projects/[id]/imports/[importId]/route");

async function setup() {
  const admin = await createTestUser({ role: "ADMIN" });
  session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  const project = await createTestProject({ createdById: admin.id, generationMode: "IMPORTED" });
  const base = { projectId: project.id, userId: admin.id };
  const prompts = (await importPrompts({ ...base, input: jsonl({ prompt: "q1" }, { prompt: "q2" }) })).batch;
  // Reuses q1 from the prompt import, brings q3 of its own.
  const pairFile = jsonl(
    { prompt: "q1", chosen: "a1", rejected: "b1" },
    { prompt: "q3", chosen: "a3", rejected: "b3" },
  );
  const importPairFile = async () => (await importPairs({ ...base, input: pairFile })).batch;
  return { admin, project, prompts, pairs: await importPairFile(), importPairFile };
}

async function state(projectId: string) {
  const prompts = await db.prompt.findMany({ where: { projectId }, orderBy: { text: "asc" }, select: { text: true } });
  return {
    prompts: prompts.map((p) => p.text),
    pairs: await db.pair.count({ where: { projectId } }),
    candidates: await db.candidate.count({ where: { projectId } }),
    imports: await db.importBatch.count({ where: { projectId } }),
  };
}

async function vote(projectId: string, userId: string) {
  const pair = await db.pair.findFirstOrThrow({ where: { projectId } });
  const asg = await db.assignment.create({
    data: { projectId, pairId: pair.id, userId, status: "VOTED", leftIsA: true, leasedUntil: new Date() },
  });
  await db.vote.create({
    data: {
      id: randomUUID(),
      assignmentId: asg.id,
      projectId,
      pairId: pair.id,
      userId,
      choice: "A",
      leftIsA: true,
      timeOnItemMs: 900,
    },
  });
}

const call = async (method: "GET" | "DELETE", projectId: string, importId: string, query = "") => {
  const req = new Request(`http://test/api/projects/${projectId}/imports/${importId}${query}`, {
    method,
    headers: { origin: TEST_ORIGIN },
  });
  const res = await route[method](req, { params: Promise.resolve({ id: projectId, importId }) });
  return { status: res.status, body: await res.json() };
};

describe("deleting an import", () => {
  it("removes its prompts, pairs and candidates, and keeps prompts other imports brought", async () => {
    const { project, pairs } = await setup();
    expect(await state(project.id)).toEqual({ prompts: ["q1", "q2", "q3"], pairs: 2, candidates: 4, imports: 2 });
    const res = await call("DELETE", project.id, pairs.id);
    expect(res).toMatchObject({ status: 200, body: { deleted: { prompts: 1, pairs: 2, votes: 0 } } });
    expect(await state(project.id)).toEqual({ prompts: ["q1", "q2"], pairs: 0, candidates: 0, imports: 1 });
  });

  it("refuses with 409 and the counts when votes depend on it, and deletes them too when told to", async () => {
    const { admin, project, pairs } = await setup();
    await vote(project.id, admin.id);
    const refused = await call("DELETE", project.id, pairs.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: "import_in_use",
      message: "This import has work that depends on it: 1 vote. Deleting it deletes that too; confirm to go ahead.",
    });
    expect(await state(project.id)).toMatchObject({ pairs: 2, imports: 2 });
    expect((await call("GET", project.id, pairs.id)).body.impact).toEqual({
      prompts: 1,
      pairs: 2,
      votes: 1,
      adjudications: 0,
      judgments: 0,
      generatedCandidates: 0,
      otherImportPairs: 0,
    });

    expect((await call("DELETE", project.id, pairs.id, "?withWork=1")).status).toBe(200);
    expect(await state(project.id)).toEqual({ prompts: ["q1", "q2"], pairs: 0, candidates: 0, imports: 1 });
    expect(await db.vote.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("counts pairs another import attached to its prompts as work", async () => {
    const { project, prompts } = await setup();
    const err = await deleteImport(project.id, prompts.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportInUseError);
    expect((err as ImportInUseError).message).toMatch(/1 pair from other imports/);
    expect(await state(project.id)).toMatchObject({ prompts: ["q1", "q2", "q3"], pairs: 2 });
    await deleteImport(project.id, prompts.id, { withWork: true });
    expect(await state(project.id)).toEqual({ prompts: ["q3"], pairs: 1, candidates: 2, imports: 1 });
  });

  it("answers 404 for an import of another project, and 403 to annotators", async () => {
    const { project, pairs } = await setup();
    const other = await createTestProject({ generationMode: "IMPORTED" });
    expect((await call("DELETE", other.id, pairs.id)).status).toBe(404);
    session.user = { id: "u", email: "ann@example.test", name: null, role: "ANNOTATOR" };
    expect((await call("DELETE", project.id, pairs.id)).status).toBe(403);
    expect(await state(project.id)).toMatchObject({ imports: 2 });
  });
});
