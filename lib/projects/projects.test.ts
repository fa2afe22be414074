import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject, createTestUser } from "@/lib/testing/factories";
import { invalidFields } from "@/lib/testing/validation";
import { createProject, getProjectDetail, listProjects, updateProject } from "./projects";

async function adminUser() {
  return createTestUser({ role: "ADMIN" });
}

describe("creating projects", () => {
  it("stores a project with the documented defaults", async () => {
    const admin = await adminUser();
    const p = await createProject(admin, { name: "  Orca pairs ", generationMode: "STRONG_WEAK", systemPrompt: "   " });
    expect(p).toMatchObject({
      name: "Orca pairs",
      evaluationMode: "HUMAN",
      samplesPerPrompt: 2,
      maxPairsPerPrompt: 1,
      overlap: 1,
      allowFlawedInPairs: false,
      systemPrompt: null,
      archivedAt: null,
    });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).createdById).toBe(admin.id);
  });

  it("names each invalid field", async () => {
    const admin = await adminUser();
    const fields = await invalidFields(
      createProject(admin, {
        name: " ",
        guidelines: "x".repeat(50_001),
        generationMode: "MULTI_SAMPLE",
        samplesPerPrompt: 17,
        overlap: 0,
      }),
    );
    expect(fields).toEqual([
      { path: "name", message: "Enter a name" },
      { path: "guidelines", message: "Guidelines must be at most 50,000 characters" },
      { path: "samplesPerPrompt", message: "Samples per prompt must be between 2 and 16" },
      { path: "overlap", message: "Votes per pair must be between 1 and 10" },
    ]);
  });

  it("allows implicit evaluation only where a preference is implied", async () => {
    const admin = await adminUser();
    await expect(
      createProject(admin, { name: "sw", generationMode: "STRONG_WEAK", evaluationMode: "IMPLICIT" }),
    ).resolves.toBeTruthy();
    await expect(
      createProject(admin, { name: "imp", generationMode: "IMPORTED", evaluationMode: "IMPLICIT" }),
    ).resolves.toBeTruthy();
    const fields = await invalidFields(
      createProject(admin, { name: "ms", generationMode: "MULTI_SAMPLE", evaluationMode: "IMPLICIT" }),
    );
    expect(fields).toHaveLength(1);
    expect(fields[0]!.path).toBe("evaluationMode");
    expect(fields[0]!.message).toMatch(/^Implicit evaluation works only with strong-vs-weak/);
  });

  it("refuses more pairs per prompt than the samples can form", async () => {
    const admin = await adminUser();
    const ok = await createProject(admin, {
      name: "ms",
      generationMode: "MULTI_SAMPLE",
      samplesPerPrompt: 4,
      maxPairsPerPrompt: 6,
    });
    expect(ok.maxPairsPerPrompt).toBe(6);
    const fields = await invalidFields(
      createProject(admin, { name: "ms", generationMode: "MULTI_SAMPLE", samplesPerPrompt: 4, maxPairsPerPrompt: 7 }),
    );
    expect(fields).toEqual([
      {
        path: "maxPairsPerPrompt",
        message: "4 answers per prompt form at most 6 pairs; lower the pairs per prompt or raise the samples",
      },
    ]);
    // The bound only means something when samples are drawn.
    await expect(
      createProject(admin, { name: "sw", generationMode: "STRONG_WEAK", maxPairsPerPrompt: 7 }),
    ).resolves.toBeTruthy();
  });

  it("is for admins only", async () => {
    const annotator = await createTestUser();
    await expect(
      createProject(annotator, { name: "by an annotator", generationMode: "IMPORTED" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await db.project.count({ where: { name: "by an annotator" } })).toBe(0);
  });
});

describe("listing and reading projects", () => {
  it("shows annotators only their active projects, admins all (archived on request)", async () => {
    const admin = await adminUser();
    const ann = await createTestUser();
    const mine = await createTestProject({ name: "mine", members: [ann.id] });
    await createTestProject({ name: "mine but archived", members: [ann.id], archivedAt: new Date() });
    await createTestProject({ name: "not mine" });

    expect((await listProjects(ann)).map((p) => p.name)).toEqual(["mine"]);
    expect((await listProjects(ann, { includeArchived: true })).map((p) => p.name)).toEqual(["mine"]);
    // Other tests in this file leave projects behind: look at this test's own.
    const ours = (list: { name: string }[]) =>
      list
        .map((p) => p.name)
        .filter((n) => n.includes("mine"))
        .sort();
    expect(ours(await listProjects(admin))).toEqual(["mine", "not mine"]);
    expect(ours(await listProjects(admin, { includeArchived: true }))).toEqual([
      "mine",
      "mine but archived",
      "not mine",
    ]);
    expect((await listProjects(ann))[0]).toEqual({
      id: mine.id,
      name: "mine",
      generationMode: "STRONG_WEAK",
      evaluationMode: "HUMAN",
      archivedAt: null,
      createdAt: mine.createdAt.toISOString(),
      createdBy: expect.objectContaining({ email: expect.any(String) }),
      counts: { prompts: 0, pairs: 0 },
    });
  });

  it("tells projects of the same name apart by who made them and when, and finds them by name", async () => {
    const ada = await createTestUser({ role: "ADMIN", name: "Ada" });
    const nameless = await createTestUser({ role: "ADMIN" });
    const tag = randomBytes(3).toString("hex");
    const first = await createTestProject({ name: `Orca ${tag}`, createdById: ada.id });
    const second = await createTestProject({ name: `Orca ${tag}`, createdById: nameless.id });
    await createTestProject({ name: `Dolly ${tag}` });

    const found = await listProjects(ada, { search: `  orca ${tag.toUpperCase()} ` });
    expect(found.map((p) => p.id)).toEqual([second.id, first.id]);
    expect(found.map((p) => p.createdBy)).toEqual([
      { name: null, email: nameless.email },
      { name: "Ada", email: ada.email },
    ]);
    expect(found[1]!.createdAt).toBe(first.createdAt.toISOString());
    expect((await listProjects(ada, { search: tag })).length).toBe(3);
    expect(await listProjects(ada, { search: `Nothing ${tag}` })).toEqual([]);
  });

  it("counts prompts, candidates and pairs", async () => {
    const admin = await adminUser();
    const project = await createTestProject();
    const prompt = await db.prompt.create({ data: { projectId: project.id, text: "Why?", promptKey: "k1" } });
    await db.prompt.create({ data: { projectId: project.id, text: "How?", promptKey: "k2" } });
    const [a, b] = await Promise.all(
      ["A", "B"].map((text, i) =>
        db.candidate.create({
          data: { projectId: project.id, promptId: prompt.id, source: "IMPORTED", text, sampleIndex: i },
        }),
      ),
    );
    await db.pair.create({
      data: { projectId: project.id, promptId: prompt.id, candidateAId: a!.id, candidateBId: b!.id },
    });

    const detail = await getProjectDetail(project.id, admin);
    expect(detail.counts).toEqual({ prompts: 2, candidates: 2, pairs: 1 });
    expect((await listProjects(admin)).find((p) => p.id === project.id)?.counts).toEqual({ prompts: 2, pairs: 1 });
    await expect(getProjectDetail(project.id, await createTestUser())).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("updating projects", () => {
  it("changes fields, archives and restores", async () => {
    const admin = await adminUser();
    const project = await createTestProject({ createdById: admin.id });
    const renamed = await updateProject(project.id, admin, { name: "Renamed", guidelines: "# Be kind", overlap: 3 });
    expect(renamed).toMatchObject({ name: "Renamed", guidelines: "# Be kind", overlap: 3, archivedAt: null });

    const archived = await updateProject(project.id, admin, { archived: true });
    expect(archived.archivedAt).not.toBeNull();
    // Archiving twice keeps the first date.
    expect((await updateProject(project.id, admin, { archived: true })).archivedAt).toBe(archived.archivedAt);
    expect((await updateProject(project.id, admin, { archived: false })).archivedAt).toBeNull();
  });

  it("checks the rules against the stored settings", async () => {
    const admin = await adminUser();
    const project = await createTestProject({
      generationMode: "MULTI_SAMPLE",
      samplesPerPrompt: 3,
      maxPairsPerPrompt: 3,
    });
    expect((await invalidFields(updateProject(project.id, admin, { evaluationMode: "IMPLICIT" })))[0]!.path).toBe(
      "evaluationMode",
    );
    expect(await invalidFields(updateProject(project.id, admin, { samplesPerPrompt: 2 }))).toEqual([
      {
        path: "maxPairsPerPrompt",
        message: "2 answers per prompt form at most 1 pair; lower the pairs per prompt or raise the samples",
      },
    ]);
    expect(await invalidFields(updateProject(project.id, admin, {}))).toEqual([
      { path: "(body)", message: "Nothing to update" },
    ]);
  });

  it("counts every sampler's answers towards the pairs a prompt can form", async () => {
    const admin = await adminUser();
    const project = await createTestProject({
      generationMode: "MULTI_SAMPLE",
      samplesPerPrompt: 2,
      maxPairsPerPrompt: 1,
    });
    const [e1, e2] = [await createTestEndpoint(), await createTestEndpoint()];
    await db.projectEndpoint.createMany({
      data: [e1, e2].map((e) => ({ projectId: project.id, endpointId: e.id, role: "SAMPLER" as const })),
    });
    // Two samplers × two samples = four answers, six pairs.
    expect((await updateProject(project.id, admin, { maxPairsPerPrompt: 6 })).maxPairsPerPrompt).toBe(6);
  });

  it("clears endpoint roles on a mode change, and fixes the mode once candidates exist", async () => {
    const admin = await adminUser();
    const project = await createTestProject({ generationMode: "STRONG_WEAK" });
    const [strong, weak] = [await createTestEndpoint(), await createTestEndpoint()];
    await db.projectEndpoint.createMany({
      data: [
        { projectId: project.id, endpointId: strong.id, role: "STRONG" },
        { projectId: project.id, endpointId: weak.id, role: "WEAK" },
      ],
    });
    await updateProject(project.id, admin, { generationMode: "STRONG_WEAK", name: "same mode" });
    expect(await db.projectEndpoint.count({ where: { projectId: project.id } })).toBe(2);
    await updateProject(project.id, admin, { generationMode: "IMPORTED" });
    expect(await db.projectEndpoint.count({ where: { projectId: project.id } })).toBe(0);

    const prompt = await db.prompt.create({ data: { projectId: project.id, text: "q", promptKey: "k" } });
    await db.candidate.create({ data: { projectId: project.id, promptId: prompt.id, source: "IMPORTED", text: "a" } });
    await expect(updateProject(project.id, admin, { generationMode: "MULTI_SAMPLE" })).rejects.toMatchObject({
      code: "mode_locked",
    });
  });

  it("lets no annotator change a project, member or not", async () => {
    const member = await createTestUser();
    const project = await createTestProject({ name: "Original", members: [member.id] });
    await expect(updateProject(project.id, member, { name: "Hijacked" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateProject(project.id, await createTestUser(), { archived: true })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({
      name: "Original",
      archivedAt: null,
    });
  });
});
