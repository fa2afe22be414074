import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { createTestEndpoint, createTestUser } from "@/lib/testing/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const { GET } = await import("./route");
const get = (params: Record<string, string>) =>
  GET(new Request("http://test/api/x"), { params: Promise.resolve(params) });
const as = (u: { id: string; email: string; role: "ADMIN" | "ANNOTATOR" }) =>
  (session.user = { id: u.id, email: u.email, name: null, role: u.role });

/** A hybrid project's pair judged in both orders: B first gave a verdict, A first an unusable reply. */
async function judgedPair() {
  const { project, pair } = await exportProject("HYBRID");
  const p = await pair({ judge: { status: "FAILED" } });
  await db.pair.update({ where: { id: p.id }, data: { reviewReason: "JUDGE_FAILED" } });
  const endpoint = await createTestEndpoint({ name: `judge-${p.id}` });
  const base = {
    projectId: project.id,
    pairId: p.id,
    endpointId: endpoint.id,
    latencyMs: 120,
    model: "judge-model",
    inputTokens: 300,
    outputTokens: 40,
    costUsd: 0.0004,
  };
  await db.judgment.create({
    data: {
      ...base,
      swapped: false,
      status: "FAILED",
      rawText: "Both fine.\nStill fine.",
      repaired: true,
      error: "No usable verdict after a repair attempt: no JSON object found",
    },
  });
  await db.judgment.create({
    data: {
      ...base,
      swapped: true,
      status: "OK",
      winner: "A",
      scoreA: 8,
      scoreB: 3,
      rationale: "A answers the question.",
      rawText: '{"winner":"B"}',
    },
  });
  const admin = await db.user.findUniqueOrThrow({ where: { id: project.createdById } });
  return { project, pairId: p.id, admin, endpoint };
}

describe("GET /api/projects/:id/pairs/:pairId", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("gives admins both judgments of the pair, in the pair's terms, with the verdict and why it went to annotators", async () => {
    const { project, pairId, admin, endpoint } = await judgedPair();
    as({ ...admin, role: "ADMIN" });
    const res = await get({ id: project.id, pairId });
    expect(res.status).toBe(200);
    const { judging } = await res.json();
    expect(judging.verdict).toEqual({ status: "FAILED", label: null, confidence: null });
    expect(judging.reviewReason).toBe("JUDGE_FAILED");
    expect(judging.judgments).toHaveLength(2);
    const [aFirst, bFirst] = judging.judgments;
    expect(aFirst).toMatchObject({
      order: "A first",
      status: "FAILED",
      winner: null,
      error: expect.stringMatching(/no JSON object/),
      rawText: "Both fine.\nStill fine.",
      repaired: true,
      endpoint: endpoint.name,
      model: "judge-model",
      inputTokens: 300,
      outputTokens: 40,
      costUsd: 0.0004,
      latencyMs: 120,
    });
    expect(bFirst).toMatchObject({
      order: "B first",
      status: "OK",
      winner: "A",
      scoreA: 8,
      scoreB: 3,
      rationale: "A answers the question.",
      error: null,
    });

    // Never to annotators, even members of the project, nor to signed-out callers.
    const annotator = await createTestUser();
    await db.projectMember.create({ data: { projectId: project.id, userId: annotator.id } });
    as({ ...annotator, role: "ANNOTATOR" });
    const refused = await get({ id: project.id, pairId });
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(body.error.code).toBe("forbidden");
    expect(JSON.stringify(body)).not.toContain("answers the question");
    session.user = null;
    expect((await get({ id: project.id, pairId })).status).toBe(401);
  });
});
