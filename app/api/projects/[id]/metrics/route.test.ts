import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const { GET } = await import("./route");

async function get(projectId: string) {
  const res = await GET(new Request(`http://test/api/projects/${projectId}/metrics`), {
    params: Promise.resolve({ id: projectId }),
  });
  return { status: res.status, body: await res.json() };
}

const as = (u: { id: string; email: string; role: "ADMIN" | "ANNOTATOR" }) =>
  (session.user = { id: u.id, email: u.email, name: null, role: u.role });

describe("GET /api/projects/[id]/metrics", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("answers admins with the figures, members 403, everyone else 404 or 401", async () => {
    const member = await createTestUser();
    const outsider = await createTestUser();
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ createdById: admin.id, members: [member.id] });

    expect((await get(project.id)).status).toBe(401);
    as(admin);
    const ok = await get(project.id);
    expect(ok.status).toBe(200);
    expect(ok.body.metrics).toMatchObject({
      projectId: project.id,
      judgeHuman: { n: 0 },
      annotators: { kappaOrAlpha: { statistic: "krippendorff_alpha_nominal" } },
    });
    expect((await get("missing")).status).toBe(404);
    as(member);
    expect((await get(project.id)).status).toBe(403);
    as(outsider);
    expect((await get(project.id)).body.error.code).toBe("not_found");
  });
});
