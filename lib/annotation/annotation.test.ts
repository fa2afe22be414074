import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { sameOriginJson } from "@/lib/testing/requests";

// The route handlers, called as the browser calls them. The session is stubbed: the wrapper
// reads it synchronously when a handler starts, so setting it right before each call is enough
// even with 50 callers interleaving.
const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => als.user,
  sessionAccountDeactivated: async () => false,
}));

const next = (await import("@/app/api/projects/[id]/annotate/next/route")).POST;
const votes = (await import("@/app/api/projects/[id]/annotate/votes/route")).POST;
const undo = (await import("@/app/api/projects/[id]/annotate/votes/[voteId]/route")).DELETE;
const skips = (await import("@/app/api/projects/[id]/annotate/skips/route")).POST;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One API call as `user`. */
async function call(user: SessionUser, h: Handler, params: Record<string, string>, body?: unknown) {
  als.user = user;
  const req = new Request("http://test/api", {
    method: "POST",
    headers: sameOriginJson,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await h(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

async function projectWithPairs(pairs: number, overlap: number) {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "review", generationMode: "IMPORTED", evaluationMode: "HUMAN", overlap, createdById: admin.id },
  });
  for (let i = 0; i < pairs; i++) {
    const prompt = await db.prompt.create({
      data: { projectId: project.id, text: `prompt ${i}`, promptKey: `k${i}-${project.id}` },
    });
    const [a, b] = await Promise.all(
      ["first", "second"].map((t) =>
        db.candidate.create({
          data: {
            projectId: project.id,
            promptId: prompt.id,
            source: "IMPORTED",
            text: `${t} answer ${i}`,
            sampleIndex: t === "first" ? 0 : 1,
          },
        }),
      ),
    );
    await db.pair.create({
      data: { projectId: project.id, promptId: prompt.id, candidateAId: a!.id, candidateBId: b!.id },
    });
  }
  return project;
}

async function annotators(n: number, projectId: string): Promise<SessionUser[]> {
  const users = [];
  for (let i = 0; i < n; i++) {
    const u = await db.user.create({ data: { email: `ann-${i}-${randomUUID()}@x.test`, passwordHash: "x" } });
    await db.projectMember.create({ data: { projectId, userId: u.id } });
    users.push({ id: u.id, email: u.email, name: null, role: "ANNOTATOR" as const });
  }
  return users;
}

/** An annotator labelling until nothing is left; sometimes double-submits, like a double click. */
async function labelAll(user: SessionUser, projectId: string): Promise<number> {
  let done = 0;
  for (;;) {
    const res = await call(user, next as Handler, { id: projectId }, { count: 1, holding: [] });
    expect(res.status).toBe(200);
    const [item] = res.body.items;
    if (!item) return done;
    const vote = {
      voteId: randomUUID(),
      assignmentId: item.assignmentId,
      choice: done % 2 ? "LEFT" : "RIGHT",
      timeOnItemMs: 1000,
    };
    const sends = done % 5 === 0 ? [vote, vote] : [vote];
    const results = await Promise.all(sends.map((v) => call(user, votes as Handler, { id: projectId }, v)));
    for (const r of results) expect(r.status).toBe(200);
    done++;
  }
}

describe.each([1, 3])("50 annotators at once, overlap %i", (overlap) => {
  it("fills every pair to exactly its overlap: no vote lost, none doubled, none over k", async () => {
    const project = await projectWithPairs(40, overlap);
    const users = await annotators(50, project.id);
    const counts = await Promise.all(users.map((u) => labelAll(u, project.id)));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBe(40 * overlap);
    expect(await db.vote.count({ where: { projectId: project.id } })).toBe(40 * overlap);
    const pairs = await db.pair.findMany({
      where: { projectId: project.id },
      select: { voteCount: true, _count: { select: { votes: true } } },
    });
    for (const p of pairs) {
      expect(p._count.votes).toBe(overlap);
      expect(p.voteCount).toBe(overlap);
    }
    const perUserPair = await db.vote.groupBy({
      by: ["pairId", "userId"],
      where: { projectId: project.id },
      _count: true,
    });
    expect(perUserPair.every((g) => g._count === 1)).toBe(true);
  }, 120_000);
});

describe("annotation API", () => {
  let project: Awaited<ReturnType<typeof projectWithPairs>>;
  let alice: SessionUser;
  let bob: SessionUser;
  beforeEach(async () => {
    project = await projectWithPairs(3, 1);
    [alice, bob] = (await annotators(2, project.id)) as [SessionUser, SessionUser];
  });

  it("records the choice in candidate terms, whatever side A was shown on", async () => {
    const { body } = await call(alice!, next as Handler, { id: project.id }, { count: 3, holding: [] });
    expect(body.items).toHaveLength(3);
    for (const item of body.items) {
      await call(
        alice!,
        votes as Handler,
        { id: project.id },
        { voteId: randomUUID(), assignmentId: item.assignmentId, choice: "LEFT", timeOnItemMs: 5 },
      );
      const vote = await db.vote.findFirstOrThrow({ where: { assignmentId: item.assignmentId } });
      const pair = await db.pair.findUniqueOrThrow({ where: { id: item.pairId }, include: { candidateA: true } });
      expect(vote.choice).toBe(item.left.text === pair.candidateA.text ? "A" : "B");
    }
    expect(JSON.stringify(body)).not.toMatch(/candidateA|endpoint|model/);
  });

  it("refuses a vote on a pair the annotator does not hold (409), and non-members get 404", async () => {
    const { body } = await call(alice!, next as Handler, { id: project.id }, { count: 1, holding: [] });
    const stolen = await call(
      bob!,
      votes as Handler,
      { id: project.id },
      { voteId: randomUUID(), assignmentId: body.items[0].assignmentId, choice: "TIE", timeOnItemMs: 1 },
    );
    expect(stolen.status).toBe(409);
    const outsider = {
      id: (await db.user.create({ data: { email: `o-${randomUUID()}@x.test`, passwordHash: "x" } })).id,
      email: "o",
      name: null,
      role: "ANNOTATOR" as const,
    };
    expect((await call(outsider, next as Handler, { id: project.id }, { count: 1, holding: [] })).status).toBe(404);
  });

  it("never serves a pair twice to one annotator, and gives a reloaded page its held pairs back", async () => {
    const first = await call(alice!, next as Handler, { id: project.id }, { count: 2, holding: [] });
    const again = await call(alice!, next as Handler, { id: project.id }, { count: 2, holding: [] });
    expect(again.body.items.map((i: { assignmentId: string }) => i.assignmentId)).toEqual(
      first.body.items.map((i: { assignmentId: string }) => i.assignmentId),
    );
    const more = await call(
      alice!,
      next as Handler,
      { id: project.id },
      { count: 3, holding: first.body.items.map((i: { assignmentId: string }) => i.assignmentId) },
    );
    expect(more.body.items).toHaveLength(1); // the third pair; overlap 1 and she holds the other two
  });

  it("undoes a vote within a minute, giving the same pair back on the same sides", async () => {
    const { body } = await call(alice!, next as Handler, { id: project.id }, { count: 1, holding: [] });
    const item = body.items[0];
    const voteId = randomUUID();
    await call(
      alice!,
      votes as Handler,
      { id: project.id },
      { voteId, assignmentId: item.assignmentId, choice: "RIGHT", timeOnItemMs: 1 },
    );
    const undone = await call(alice!, undo as Handler, { id: project.id, voteId });
    expect(undone.status).toBe(200);
    expect(undone.body.item).toMatchObject({ assignmentId: item.assignmentId, left: item.left, right: item.right });
    expect(await db.vote.count({ where: { id: voteId } })).toBe(0);
    expect((await db.pair.findUniqueOrThrow({ where: { id: item.pairId } })).voteCount).toBe(0);
    const again = await call(
      alice!,
      votes as Handler,
      { id: project.id },
      { voteId: randomUUID(), assignmentId: item.assignmentId, choice: "LEFT", timeOnItemMs: 1 },
    );
    expect(again.status).toBe(200);
    await db.vote.updateMany({
      where: { assignmentId: item.assignmentId },
      data: { createdAt: new Date(Date.now() - 61_000) },
    });
    const late = await db.vote.findFirstOrThrow({ where: { assignmentId: item.assignmentId } });
    expect((await call(alice!, undo as Handler, { id: project.id, voteId: late.id })).status).toBe(409);
  });

  it("skips with a reason; a skipped pair goes to someone else", async () => {
    const { body } = await call(alice!, next as Handler, { id: project.id }, { count: 1, holding: [] });
    const res = await call(
      alice!,
      skips as Handler,
      { id: project.id },
      { assignmentId: body.items[0].assignmentId, reason: "Not my language", flags: ["broken"] },
    );
    expect(res.status).toBe(200);
    const bobs = await call(bob!, next as Handler, { id: project.id }, { count: 3, holding: [] });
    expect(bobs.body.items.map((i: { pairId: string }) => i.pairId)).toContain(body.items[0].pairId);
  });

  it("returns an expired lease to the pool", async () => {
    const { body } = await call(alice!, next as Handler, { id: project.id }, { count: 3, holding: [] });
    expect((await call(bob!, next as Handler, { id: project.id }, { count: 1, holding: [] })).body.items).toHaveLength(
      0,
    );
    await db.assignment.updateMany({
      where: { userId: alice!.id },
      data: { leasedUntil: new Date(Date.now() - 1000) },
    });
    const bobs = await call(bob!, next as Handler, { id: project.id }, { count: 3, holding: [] });
    expect(bobs.body.items).toHaveLength(3);
    // Alice's lapsed vote now finds her slot taken.
    const late = await call(
      alice!,
      votes as Handler,
      { id: project.id },
      { voteId: randomUUID(), assignmentId: body.items[0].assignmentId, choice: "TIE", timeOnItemMs: 1 },
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("lease_expired");
  });
});
