import { randomUUID } from "node:crypto";
import { expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { createTestProject } from "@/lib/testing/factories";
import { ADMIN_ONLY_SETTINGS } from "./types";

const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => als.user,
  sessionAccountDeactivated: async () => false,
}));

const GET = (await import("@/app/api/projects/[id]/route")).GET;
const LIST = (await import("@/app/api/projects/route")).GET;

async function member(projectId: string, role: "ADMIN" | "ANNOTATOR"): Promise<SessionUser> {
  const u = await db.user.create({ data: { email: `${role}-${randomUUID()}@x.test`, passwordHash: "x", role } });
  await db.projectMember.create({ data: { projectId, userId: u.id } });
  return { id: u.id, email: u.email, name: null, role };
}

async function read(projectId: string, user: SessionUser) {
  als.user = user;
  const res = await GET(new Request(`http://test/api/projects/${projectId}`), {
    params: Promise.resolve({ id: projectId }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { project: Record<string, unknown> }).project;
}

it("shows annotators the project without how gold pairs, trust and the judge's routing are set", async () => {
  const { id } = await createTestProject({ evaluationMode: "HYBRID" });
  const project = await db.project.update({
    where: { id },
    data: {
      guidelines: "Prefer the answer that is right.",
      goldRate: 0.2,
      trustMinAccuracy: 0.8,
      trustMinGold: 7,
      auditShare: 0.1,
      judgeRubric: "Be strict.",
    },
  });

  const asAnnotator = await read(project.id, await member(project.id, "ANNOTATOR"));
  expect(asAnnotator).toMatchObject({ id: project.id, guidelines: "Prefer the answer that is right.", overlap: 1 });
  for (const key of ADMIN_ONLY_SETTINGS) expect(asAnnotator).not.toHaveProperty(key);

  const asAdmin = await read(project.id, await member(project.id, "ADMIN"));
  expect(asAdmin).toMatchObject({
    goldRate: 0.2,
    trustMinAccuracy: 0.8,
    trustMinGold: 7,
    auditShare: 0.1,
    judgeRubric: "Be strict.",
  });
  for (const key of ADMIN_ONLY_SETTINGS) expect(asAdmin).toHaveProperty(key);
});

it("lists the projects whose name holds the search, each with when and by whom it was made", async () => {
  const tag = randomUUID().slice(0, 8);
  const wanted = await createTestProject({ name: `Search ${tag} wanted` });
  await createTestProject({ name: `Other ${tag}` });
  const admin = await member(wanted.id, "ADMIN");
  als.user = admin;
  const res = await LIST(new Request(`http://test/api/projects?q=${encodeURIComponent(`SEARCH ${tag}`)}`));
  expect(res.status).toBe(200);
  const { projects } = (await res.json()) as { projects: { id: string; createdAt: string; createdBy: unknown }[] };
  expect(projects).toEqual([
    expect.objectContaining({
      id: wanted.id,
      createdAt: wanted.createdAt.toISOString(),
      createdBy: expect.objectContaining({ email: expect.stringMatching(/@example\.test$/) }),
    }),
  ]);
});
