import { describe, expect, it } from "vitest";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { invalidFields } from "@/lib/testing/validation";
import { getAccessibleProject } from "./access";
import { addProjectMember, listProjectMembers, removeProjectMember } from "./members";
import { listProjects } from "./projects";

describe("project members", () => {
  it("lets an admin add an annotator, who then sees the project, and remove them again", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const ann = await createTestUser({ email: "ann@members.test" });
    const project = await createTestProject();

    const member = await addProjectMember(project.id, admin, { userId: ann.id });
    expect(member).toMatchObject({ userId: ann.id, email: "ann@members.test", role: "ANNOTATOR", active: true });
    // Adding twice changes nothing.
    await addProjectMember(project.id, admin, { userId: ann.id });
    expect((await listProjectMembers(project.id, admin)).map((m) => m.userId)).toEqual([ann.id]);
    expect((await listProjects(ann)).map((p) => p.id)).toEqual([project.id]);

    await removeProjectMember(project.id, admin, ann.id);
    expect(await listProjectMembers(project.id, admin)).toEqual([]);
    await expect(getAccessibleProject(project.id, ann)).rejects.toMatchObject({ code: "not_found" });
    await expect(removeProjectMember(project.id, admin, ann.id)).rejects.toMatchObject({
      code: "not_found",
      message: "Member not found",
    });
  });

  it("refuses unknown and deactivated users", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject();
    await expect(addProjectMember(project.id, admin, { userId: "nobody" })).rejects.toMatchObject({
      code: "not_found",
      message: "User not found",
    });
    const gone = await createTestUser({ active: false });
    expect(await invalidFields(addProjectMember(project.id, admin, { userId: gone.id }))).toEqual([
      { path: "userId", message: "This user is deactivated; reactivate them first" },
    ]);
    expect(await invalidFields(addProjectMember(project.id, admin, { userId: "" }))).toEqual([
      { path: "userId", message: "Choose a user" },
    ]);
  });

  it("lets no annotator see or change the member list", async () => {
    const member = await createTestUser();
    const other = await createTestUser();
    const project = await createTestProject({ members: [member.id] });
    await expect(listProjectMembers(project.id, member)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addProjectMember(project.id, member, { userId: other.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeProjectMember(project.id, member, member.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addProjectMember(project.id, other, { userId: other.id })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getAccessibleProject(project.id, other)).rejects.toMatchObject({ code: "not_found" });
  });
});
