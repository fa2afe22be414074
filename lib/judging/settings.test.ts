import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getProjectEndpoints, setProjectEndpoints } from "@/lib/projects/project-endpoints";
import { updateProject } from "@/lib/projects/projects";
import { createTestEndpoint, createTestProject, createTestUser } from "@/lib/testing/factories";
import { invalidFields } from "@/lib/testing/validation";

describe("judge settings", () => {
  it("sets, keeps and removes the judge apart from the generation endpoints", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ generationMode: "STRONG_WEAK", evaluationMode: "HYBRID" });
    const [strong, weak, judge, archived] = [
      await createTestEndpoint(),
      await createTestEndpoint(),
      await createTestEndpoint(),
      await createTestEndpoint({ archived: true }),
    ];
    // The judge alone, before any generation endpoint is chosen.
    expect((await setProjectEndpoints(project.id, admin, { judge: judge.id })).judges).toEqual([
      { ...judge, archived: false },
    ]);
    // Generation roles without `judge` keep the judge.
    const both = await setProjectEndpoints(project.id, admin, { strong: strong.id, weak: weak.id });
    expect(both).toEqual({
      strong: { ...strong, archived: false },
      weak: { ...weak, archived: false },
      samplers: [],
      judges: [{ ...judge, archived: false }],
    });
    expect(await invalidFields(setProjectEndpoints(project.id, admin, { judge: archived.id }))).toEqual([
      { path: "judge.0", message: "No such active endpoint" },
    ]);
    const removed = await setProjectEndpoints(project.id, admin, { judge: null });
    expect(removed.judges).toEqual([]);
    expect(removed.strong?.id).toBe(strong.id);

    // A generation mode change clears the generation roles but not the judge.
    await setProjectEndpoints(project.id, admin, { judge: judge.id });
    await updateProject(project.id, admin, { generationMode: "IMPORTED" });
    expect(await getProjectEndpoints(project.id)).toEqual({ samplers: [], judges: [{ ...judge, archived: false }] });
  });

  it("takes a panel of up to three distinct active judges, and names what is wrong with one", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ generationMode: "IMPORTED", evaluationMode: "LLM_JUDGE" });
    const [j1, j2, j3, j4] = await Promise.all(
      ["c-judge", "a-judge", "b-judge", "d-judge"].map((name) => createTestEndpoint({ name: `${name}-${project.id}` })),
    );
    const archived = await createTestEndpoint({ archived: true });
    const ref = (e: typeof j1) => ({ ...e, archived: false });

    // Listed by name, whatever the order chosen.
    expect((await setProjectEndpoints(project.id, admin, { judge: [j1!.id, j2!.id, j3!.id] })).judges).toEqual([
      ref(j2!),
      ref(j3!),
      ref(j1!),
    ]);
    expect(
      await invalidFields(setProjectEndpoints(project.id, admin, { judge: [j1!.id, j2!.id, j3!.id, j4!.id] })),
    ).toEqual([{ path: "judge", message: "A panel has at most 3 judges" }]);
    expect(await invalidFields(setProjectEndpoints(project.id, admin, { judge: [j1!.id, j2!.id, j1!.id] }))).toEqual([
      { path: "judge.2", message: "This endpoint is listed twice" },
    ]);
    expect(await invalidFields(setProjectEndpoints(project.id, admin, { judge: [] }))).toEqual([
      { path: "judge", message: "Choose at least one judge endpoint, or none" },
    ]);
    expect(await invalidFields(setProjectEndpoints(project.id, admin, { judge: [j4!.id, archived.id] }))).toEqual([
      { path: "judge.1", message: "No such active endpoint" },
    ]);
    // Refused choices left the panel as it was; a smaller panel replaces it.
    expect((await getProjectEndpoints(project.id)).judges.map((j) => j.id)).toEqual([j2!.id, j3!.id, j1!.id]);
    expect((await setProjectEndpoints(project.id, admin, { judge: [j4!.id, j1!.id] })).judges).toEqual([
      ref(j1!),
      ref(j4!),
    ]);
    expect(await db.projectEndpoint.count({ where: { projectId: project.id, role: "JUDGE" } })).toBe(2);
  });

  it("stores the rubric, threshold and audit share, and names bad values", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ evaluationMode: "HYBRID" });
    const saved = await updateProject(project.id, admin, {
      judgeRubric: "Prefer short answers.",
      confidenceThreshold: 3.5,
      auditShare: 0.25,
      uncertainToHumans: false,
    });
    expect(saved).toMatchObject({
      judgeRubric: "Prefer short answers.",
      confidenceThreshold: 3.5,
      auditShare: 0.25,
      uncertainToHumans: false,
    });
    expect((await updateProject(project.id, admin, { judgeRubric: "  " })).judgeRubric).toBeNull(); // the default
    expect(
      await invalidFields(updateProject(project.id, admin, { confidenceThreshold: 10, auditShare: -0.1 })),
    ).toEqual([
      { path: "confidenceThreshold", message: "Confidence threshold must be between 0 and 9 points" },
      { path: "auditShare", message: "Audit share must be between 0 and 1" },
    ]);
    expect(await invalidFields(updateProject(project.id, admin, { judgeRubric: "x".repeat(20_001) }))).toEqual([
      { path: "judgeRubric", message: "Rubric must be at most 20,000 characters" },
    ]);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).auditShare).toBe(0.25);
  });
});
