import { describe, expect, it } from "vitest";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { getAccessibleProject, requireProjectAdmin } from "./access";

describe("project access", () => {
  it("lets a member annotator see the project, and hides it from others with a 404", async () => {
    const member = await createTestUser();
    const outsider = await createTestUser();
    const project = await createTestProject({ members: [member.id] });

    expect((await getAccessibleProject(project.id, member)).id).toBe(project.id);
    await expect(getAccessibleProject(project.id, outsider)).rejects.toMatchObject({
      code: "not_found",
      message: "Project not found",
    });
    // The same answer as for a project that does not exist: nothing to learn from guessing ids.
    await expect(getAccessibleProject("no-such-project", outsider)).rejects.toMatchObject({
      code: "not_found",
      message: "Project not found",
    });
  });

  it("lets admins see every project, members or not, archived or not", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ archivedAt: new Date() });
    expect((await getAccessibleProject(project.id, admin)).id).toBe(project.id);
    expect((await requireProjectAdmin(project.id, admin)).id).toBe(project.id);
  });

  it("hides an archived project from its own annotators", async () => {
    const member = await createTestUser();
    const project = await createTestProject({ members: [member.id], archivedAt: new Date() });
    await expect(getAccessibleProject(project.id, member)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses changes by a member annotator with 403, by an outsider with 404", async () => {
    const member = await createTestUser();
    const outsider = await createTestUser();
    const project = await createTestProject({ members: [member.id] });
    await expect(requireProjectAdmin(project.id, member)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requireProjectAdmin(project.id, outsider)).rejects.toMatchObject({ code: "not_found" });
  });
});
