import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject, createTestUser } from "@/lib/testing/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const list: Route = (await import("./route")).GET;
const one: Route = (await import("./[runId]/route")).GET;
const get = async (route: Route, params: Record<string, string>) =>
  (await route(new Request("http://test/api/x"), { params: Promise.resolve(params) })).json();

describe("runs API", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("tells a script that a completed run's tasks partly failed, as the run card does", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
    const project = await createTestProject({ createdById: admin.id });
    const endpoint = await createTestEndpoint();
    const prompt = await db.prompt.create({ data: { projectId: project.id, text: "p", promptKey: "p" } });
    async function completedRun(statuses: ("DONE" | "FAILED")[]) {
      const run = await db.run.create({
        data: { projectId: project.id, createdById: admin.id, status: "COMPLETED", finishedAt: new Date() },
      });
      await db.task.createMany({
        data: statuses.map((status, sampleIndex) => ({
          runId: run.id,
          projectId: project.id,
          promptId: prompt.id,
          endpointId: endpoint.id,
          role: "STRONG" as const,
          sampleIndex,
          status,
        })),
      });
      return run.id;
    }
    const partly = await completedRun(["DONE", "FAILED", "DONE"]);
    const clean = await completedRun(["DONE", "DONE"]);

    const { run } = await get(one, { id: project.id, runId: partly });
    expect(run).toMatchObject({ status: "COMPLETED", outcome: "completed_with_failures", counts: { failed: 1 } });
    expect((await get(one, { id: project.id, runId: clean })).run.outcome).toBe("completed");
    const { runs } = await get(list, { id: project.id });
    expect(Object.fromEntries(runs.map((r: { id: string; outcome: string }) => [r.id, r.outcome]))).toEqual({
      [partly]: "completed_with_failures",
      [clean]: "completed",
    });
  });
});
