import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { nextItems } from "@/lib/annotation/queue";
import { submitVote } from "@/lib/annotation/votes";
import { createTestPair, createTestProject, createTestUser } from "@/lib/testing/factories";
import { invalidFields } from "@/lib/testing/validation";
import { getAccessibleProject } from "./access";
import { addProjectMember, listProjectMembers, removeProjectMember } from "./members";
import { listProjects } from "./projects";
import { updateUser } from "@/lib/users/users";

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

  it("gives the pairs a removed annotator held or had reserved back to the others at once; their votes stay", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const [gone, stays] = [await createTestUser(), await createTestUser()];
    const { id } = await createTestProject({ members: [gone.id, stays.id] });
    const project = await db.project.update({ where: { id }, data: { overlap: 1 } });
    const pairs = [];
    for (let i = 0; i < 5; i++) pairs.push(await createTestPair(project.id, `prompt ${i}`));
    const held = await nextItems(project.id, gone.id, 3, []);
    expect(held).toHaveLength(3);
    await submitVote(project.id, gone.id, {
      voteId: randomUUID(),
      assignmentId: held[0]!.assignmentId,
      choice: "LEFT",
      timeOnItemMs: 10,
    });
    const voted = { pairId: held[0]!.pairId };
    const unheld = pairs.filter((p) => !held.some((i) => i.pairId === p.id));
    await db.pairReservation.create({ data: { pairId: unheld[1]!.id, userId: gone.id, projectId: project.id } });
    // With the others held or reserved, one pair is left to serve.
    expect((await nextItems(project.id, stays.id, 5, [])).map((i) => i.pairId)).toEqual([unheld[0]!.id]);

    await removeProjectMember(project.id, admin, gone.id);
    const served = (await nextItems(project.id, stays.id, 5, [])).map((i) => i.pairId);
    expect(served.sort()).toEqual(
      pairs
        .filter((p) => p.id !== voted.pairId)
        .map((p) => p.id)
        .sort(),
    );
    expect(await db.vote.count({ where: { userId: gone.id, projectId: project.id } })).toBe(1);
  });

  it("gives back what a deactivated annotator held or had reserved, in every project; their votes stay", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const [gone, stays] = [await createTestUser(), await createTestUser()];
    const projects = [];
    for (let p = 0; p < 2; p++) {
      const { id } = await createTestProject({ members: [gone.id, stays.id] });
      projects.push(await db.project.update({ where: { id }, data: { overlap: 1 } }));
    }
    const [first, second] = projects as [(typeof projects)[0], (typeof projects)[0]];
    for (const project of projects) for (let i = 0; i < 3; i++) await createTestPair(project.id, `prompt ${i}`);
    const held = await nextItems(first.id, gone.id, 3, []);
    await submitVote(first.id, gone.id, {
      voteId: randomUUID(),
      assignmentId: held[0]!.assignmentId,
      choice: "LEFT",
      timeOnItemMs: 10,
    });
    const [reserved, ...heldInSecond] = await db.pair.findMany({ where: { projectId: second.id } });
    await db.pairReservation.create({ data: { pairId: reserved!.id, userId: gone.id, projectId: second.id } });
    await db.assignment.createMany({
      data: heldInSecond.map((pair) => ({
        projectId: second.id,
        pairId: pair.id,
        userId: gone.id,
        leftIsA: true,
        leasedUntil: new Date(Date.now() + 600_000),
      })),
    });
    expect(await nextItems(first.id, stays.id, 5, [])).toHaveLength(0);
    expect(await nextItems(second.id, stays.id, 5, [])).toHaveLength(0);

    await updateUser(gone.id, { active: false }, admin.id);
    expect(await nextItems(first.id, stays.id, 5, [])).toHaveLength(2);
    expect(await nextItems(second.id, stays.id, 5, [])).toHaveLength(3);
    expect(await db.vote.count({ where: { userId: gone.id } })).toBe(1);
    // Their memberships stay: reactivated, they find their projects again.
    expect(await db.projectMember.count({ where: { userId: gone.id } })).toBe(2);
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
