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
    expect((await setProjectEndpoints(project.id, admin, { judge: judge.id })).judge).toEqual({ ...judge, archived: false });
    // Generation roles without `judge` keep the judge.
    const both = await setProjectEndpoints(project.id, admin, { strong: strong.id, weak: weak.id });
    expect(both).toEqual({ strong: { ...strong, archived: false }, weak: { ...weak, archived: false }, samplers: [], judge: { ...judge, archived: false } });
    expect(await invalidFields(setProjectEndpoints(project.id, admin, { judge: archived.id }))).toEqual([
      { path: "judge", message: "No such active endpoint" },
    ]);
    const removed = await setProjectEndpoints(project.id, admin, { judge: null });
    expect(removed.judge).toBeUndefined();
    expect(removed.strong?.id).toBe(strong.id);

    // A generation mode change clears the generation roles but not the judge.
    await setProjectEndpoints(project.id, admin, { judge: judge.id });
    await updateProject(project.id, admin, { generationMode: "IMPORTED" });
    expect(await getProjectEndpoints(project.id)).toEqual({ samplers: [], judge: { ...judge, archived: false } });
  });

  it("stores the rubric, threshold and audit share, and names bad values", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ evaluationMode: "HYBRID" });
    const saved = await updateProject(project.id, admin, { judgeRubric: "Prefer short answers.", confidenceThreshold: 3.5, auditShare: 0.25, uncertainToHumans: false });
    expect(saved).toMatchObject({ judgeRubric: "Prefer short answers.", confidenceThreshold: 3.5, auditShare: 0.25, uncertainToHumans: false });
    expect((await updateProject(project.id, admin, { judgeRubric: "  " })).judgeRubric).toBeNull(); // the default
    expect(await invalidFields(updateProject(project.id, admin, { confidenceThreshold: 10, auditShare: -0.1 }))).toEqual([
      { path: "confidenceThreshold", message: "Confidence threshold must be between 0 and 9 points" },
      { path: "auditShare", message: "Audit share must be between 0 and 1" },
    ]);
    expect(await invalidFields(updateProject(project.id, admin, { judgeRubric: "x".repeat(20_001) }))).toEqual([
      { path: "judgeRubric", message: "Rubric must be at most 20,000 characters" },
    ]);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).auditShare).toBe(0.25);
  });
});
