import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject, createTestUser } from "@/lib/testing/factories";
import { invalidFields } from "@/lib/testing/validation";
import { getProjectEndpoints, listEndpointOptions, setProjectEndpoints } from "./project-endpoints";

const admin = () => createTestUser({ role: "ADMIN" });

describe("project endpoint roles", () => {
  it("assigns strong and weak, then replaces them in one go", async () => {
    const a = await admin();
    const project = await createTestProject({ generationMode: "STRONG_WEAK" });
    const [big, small, other] = [await createTestEndpoint(), await createTestEndpoint(), await createTestEndpoint()];

    const set = await setProjectEndpoints(project.id, a, { strong: big.id, weak: small.id });
    expect(set).toEqual({
      strong: { ...big, archived: false },
      weak: { ...small, archived: false },
      samplers: [],
      judges: [],
    });
    await setProjectEndpoints(project.id, a, { strong: other.id, weak: big.id });
    expect(await getProjectEndpoints(project.id)).toEqual({
      strong: { ...other, archived: false },
      weak: { ...big, archived: false },
      samplers: [],
      judges: [],
    });
    expect(await db.projectEndpoint.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("names what a strong-vs-weak project is missing or has too much of", async () => {
    const a = await admin();
    const project = await createTestProject({ generationMode: "STRONG_WEAK" });
    const e = await createTestEndpoint();
    expect(await invalidFields(setProjectEndpoints(project.id, a, { strong: e.id, samplers: [e.id] }))).toEqual([
      { path: "weak", message: "Choose the weak endpoint" },
      { path: "samplers", message: "Strong-vs-weak projects use no sampler endpoints" },
    ]);
    expect(await invalidFields(setProjectEndpoints(project.id, a, { strong: e.id, weak: e.id }))).toEqual([
      { path: "weak", message: "The weak endpoint must differ from the strong one" },
    ]);
  });

  it("needs at least one distinct sampler for several samples, and enough of them for the pairs asked", async () => {
    const a = await admin();
    const project = await createTestProject({
      generationMode: "MULTI_SAMPLE",
      samplesPerPrompt: 2,
      maxPairsPerPrompt: 6,
    });
    const [s1, s2] = [await createTestEndpoint({ name: "a-sampler" }), await createTestEndpoint({ name: "b-sampler" })];
    expect(await invalidFields(setProjectEndpoints(project.id, a, { strong: s1.id, samplers: [] }))).toEqual([
      { path: "strong", message: "Several-samples projects use no strong endpoint" },
      { path: "samplers", message: "Choose at least one sampler endpoint" },
    ]);
    expect(await invalidFields(setProjectEndpoints(project.id, a, { samplers: [s1.id, s1.id] }))).toEqual([
      { path: "samplers.1", message: "This endpoint is listed twice" },
      {
        path: "samplers",
        message:
          "The project asks for 6 pairs per prompt but these samplers give at most 1; add samplers or lower the pairs per prompt",
      },
    ]);
    const set = await setProjectEndpoints(project.id, a, { samplers: [s2.id, s1.id] });
    expect(set.samplers.map((s) => s.name)).toEqual(["a-sampler", "b-sampler"]);
  });

  it("uses no endpoints for imported projects", async () => {
    const a = await admin();
    const project = await createTestProject({ generationMode: "IMPORTED" });
    const e = await createTestEndpoint();
    expect((await invalidFields(setProjectEndpoints(project.id, a, { strong: e.id }))).map((f) => f.path)).toEqual([
      "strong",
    ]);
    expect(await setProjectEndpoints(project.id, a, {})).toEqual({ samplers: [], judges: [] });
  });

  it("refuses unknown and archived endpoints, and lists only active ones as options", async () => {
    const a = await admin();
    const project = await createTestProject({ generationMode: "STRONG_WEAK" });
    const live = await createTestEndpoint();
    const archived = await createTestEndpoint({ archived: true });
    expect(await invalidFields(setProjectEndpoints(project.id, a, { strong: "nope", weak: archived.id }))).toEqual([
      { path: "strong", message: "No such active endpoint" },
      { path: "weak", message: "No such active endpoint" },
    ]);
    const ids = (await listEndpointOptions()).map((o) => o.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(archived.id);
    expect(Object.keys((await listEndpointOptions())[0]!).sort()).toEqual(["id", "modelId", "name", "provider"]);
  });

  it("flags an endpoint archived after it was assigned", async () => {
    const a = await admin();
    const project = await createTestProject({ generationMode: "STRONG_WEAK" });
    const [s, w] = [await createTestEndpoint(), await createTestEndpoint()];
    await setProjectEndpoints(project.id, a, { strong: s.id, weak: w.id });
    await db.modelEndpoint.update({ where: { id: w.id }, data: { archivedAt: new Date() } });
    expect((await getProjectEndpoints(project.id)).weak).toEqual({ ...w, archived: true });
  });

  it("lets no annotator change the roles", async () => {
    const member = await createTestUser();
    const project = await createTestProject({ generationMode: "IMPORTED", members: [member.id] });
    await expect(setProjectEndpoints(project.id, member, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(setProjectEndpoints(project.id, await createTestUser(), {})).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
