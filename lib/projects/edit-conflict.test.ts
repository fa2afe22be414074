import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { createTestProject } from "@/lib/testing/factories";
import { sameOriginJson, TEST_ORIGIN } from "@/lib/testing/requests";
import { withExpected } from "./expected";

const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => als.user,
  sessionAccountDeactivated: async () => false,
}));

const { PATCH } = await import("@/app/api/projects/[id]/route");

async function admin(projectId: string, name: string): Promise<SessionUser> {
  const u = await db.user.create({
    data: { email: `${name.toLowerCase()}-${randomUUID()}@x.test`, name, passwordHash: "x", role: "ADMIN" },
  });
  await db.projectMember.create({ data: { projectId, userId: u.id } });
  return { id: u.id, email: u.email, name, role: "ADMIN" };
}

async function save(user: SessionUser, projectId: string, body: unknown) {
  als.user = user;
  const res = await PATCH(
    new Request(`${TEST_ORIGIN}/api/projects/${projectId}`, {
      method: "PATCH",
      headers: sameOriginJson,
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: projectId }) },
  );
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe("two admins saving the settings form at once", () => {
  it("refuses the save of a form loaded before the other's change, naming who changed what", async () => {
    const { id } = await createTestProject();
    const loaded = await db.project.update({ where: { id }, data: { description: "Old", guidelines: "Old rules" } });
    const ana = await admin(id, "Ana");
    const ben = await admin(id, "Ben");
    // Both pages show the same form, which sends every field it shows.
    const form = (changes: object) =>
      withExpected({ name: loaded.name, description: "Old", guidelines: "Old rules", ...changes }, loaded);

    expect((await save(ana, id, form({ guidelines: "New rules" }))).status).toBe(200);
    const stale = await save(ben, id, form({ description: "New description" }));

    expect(stale.status).toBe(409);
    expect(stale.body.error!.code).toBe("edit_conflict");
    expect(stale.body.error!.message).toMatch(
      new RegExp(
        `^These settings were changed by Ana \\(${ana.email}\\) at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC since you opened them \\(Guidelines for annotators\\)\\.`,
      ),
    );
    const stored = await db.project.findUniqueOrThrow({ where: { id } });
    expect({ description: stored.description, guidelines: stored.guidelines }).toEqual({
      description: "Old",
      guidelines: "New rules",
    });

    // Reloaded, Ben's form holds Ana's change, and his own goes through.
    const reloaded = withExpected({ description: "New description", guidelines: "New rules" }, stored);
    expect((await save(ben, id, reloaded)).status).toBe(200);
  });

  it("lets exactly one of two saves made at the same moment on the same form through", async () => {
    const { id } = await createTestProject();
    const loaded = await db.project.findUniqueOrThrow({ where: { id } });
    const ana = await admin(id, "Ana");
    const results = await Promise.all(
      ["A", "B", "C"].map((g) => save(ana, id, withExpected({ guidelines: g, description: "" }, loaded))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it("lets a save go through when only settings its form does not show changed", async () => {
    const { id } = await createTestProject();
    const loaded = await db.project.findUniqueOrThrow({ where: { id } });
    const ana = await admin(id, "Ana");
    expect((await save(ana, id, withExpected({ goldRate: 0.2 }, loaded))).status).toBe(200);
    expect((await save(ana, id, withExpected({ description: "Elsewhere on the page" }, loaded))).status).toBe(200);
  });

  it("checks nothing for an API client that sends no expected values", async () => {
    const { id } = await createTestProject();
    const ana = await admin(id, "Ana");
    expect((await save(ana, id, { guidelines: "One" })).status).toBe(200);
    expect((await save(ana, id, { guidelines: "Two" })).status).toBe(200);
  });
});
