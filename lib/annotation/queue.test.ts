import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { sameOriginJson } from "@/lib/testing/requests";

// Queue strategies, reservations, "left for you" and admins' previews, through the route handlers
// as the browser calls them (the session is stubbed as in annotation.test.ts).
const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => als.user,
  sessionAccountDeactivated: async () => false,
}));

const next = (await import("@/app/api/projects/[id]/annotate/next/route")).POST;
const votes = (await import("@/app/api/projects/[id]/annotate/votes/route")).POST;
const skips = (await import("@/app/api/projects/[id]/annotate/skips/route")).POST;
const reservations = await import("@/app/api/projects/[id]/reservations/route");

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Item {
  assignmentId: string;
  pairId: string;
}

async function call(user: SessionUser, h: Handler, params: Record<string, string>, body?: unknown, method = "POST") {
  als.user = user;
  const req = new Request("http://test/api", {
    method,
    headers: sameOriginJson,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await h(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const session = (u: { id: string; email: string; role: "ADMIN" | "ANNOTATOR" }): SessionUser => ({
  id: u.id,
  email: u.email,
  name: null,
  role: u.role,
});

async function setup(pairs: number, overlap: number, queueStrategy: "BREADTH_FIRST" | "DEPTH_FIRST") {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: {
      name: "queue",
      generationMode: "IMPORTED",
      evaluationMode: "HUMAN",
      overlap,
      queueStrategy,
      createdById: admin.id,
    },
  });
  const t0 = Date.now() - 1_000_000;
  for (let i = 0; i < pairs; i++) {
    const prompt = await db.prompt.create({
      data: { projectId: project.id, text: `prompt ${i}`, promptKey: `k${i}-${project.id}` },
    });
    const [a, b] = await Promise.all(
      [0, 1].map((s) =>
        db.candidate.create({
          data: {
            projectId: project.id,
            promptId: prompt.id,
            source: "IMPORTED",
            text: `answer ${i}.${s}`,
            sampleIndex: s,
          },
        }),
      ),
    );
    await db.pair.create({
      data: {
        projectId: project.id,
        promptId: prompt.id,
        candidateAId: a!.id,
        candidateBId: b!.id,
        createdAt: new Date(t0 + i * 1000),
      },
    });
  }
  return { project, admin: session(admin) };
}

async function annotators(n: number, projectId: string): Promise<SessionUser[]> {
  const users = [];
  for (let i = 0; i < n; i++) {
    const u = await db.user.create({ data: { email: `ann-${i}-${randomUUID()}@x.test`, passwordHash: "x" } });
    await db.projectMember.create({ data: { projectId, userId: u.id } });
    users.push(session({ ...u, role: "ANNOTATOR" }));
  }
  return users;
}

const nextOne = async (user: SessionUser, projectId: string): Promise<Item | undefined> =>
  (await call(user, next as Handler, { id: projectId }, { count: 1, holding: [] })).body.items[0];

const vote = (user: SessionUser, projectId: string, item: Item) =>
  call(
    user,
    votes as Handler,
    { id: projectId },
    {
      voteId: randomUUID(),
      assignmentId: item.assignmentId,
      choice: "LEFT",
      timeOnItemMs: 10,
    },
  );

/** Labels until nothing is left; returns the pairs voted on. */
async function labelAll(user: SessionUser, projectId: string): Promise<string[]> {
  const done: string[] = [];
  for (;;) {
    const item = await nextOne(user, projectId);
    if (!item) return done;
    const res = await vote(user, projectId, item);
    if (res.status === 200) done.push(item.pairId);
    else expect(res.body.error.code).toBe("pair_filled"); // admins only: the pair filled while shown
  }
}

async function expectFilledExactly(projectId: string, overlap: number) {
  const pairs = await db.pair.findMany({
    where: { projectId },
    select: { voteCount: true, _count: { select: { votes: true } } },
  });
  for (const p of pairs) {
    expect(p._count.votes).toBe(overlap);
    expect(p.voteCount).toBe(overlap);
  }
}

/** Labels in turns, one vote at a time; returns the most pairs ever started but not complete. */
async function inTurns(users: SessionUser[], projectId: string, overlap: number): Promise<number> {
  let most = 0;
  for (let round = 0; ; round++) {
    const user = users[round % users.length]!;
    const item = await nextOne(user, projectId);
    if (!item) {
      if (await db.pair.count({ where: { projectId, voteCount: { lt: overlap } } })) continue;
      return most;
    }
    expect((await vote(user, projectId, item)).status).toBe(200);
    const open = await db.pair.count({ where: { projectId, voteCount: { gt: 0, lt: overlap } } });
    most = Math.max(most, open);
  }
}

describe("queue strategies", () => {
  it("depth-first never exceeds the overlap with 50 annotators at once", async () => {
    const { project } = await setup(40, 3, "DEPTH_FIRST");
    const users = await annotators(50, project.id);
    const voted = await Promise.all(users.map((u) => labelAll(u, project.id)));
    expect(voted.flat()).toHaveLength(120);
    await expectFilledExactly(project.id, 3);
  }, 120_000);

  it("depth-first completes started pairs before opening new ones; breadth-first spreads first votes", async () => {
    const depth = await setup(4, 3, "DEPTH_FIRST");
    expect(await inTurns(await annotators(3, depth.project.id), depth.project.id, 3)).toBe(1);
    const breadth = await setup(4, 3, "BREADTH_FIRST");
    expect(await inTurns(await annotators(3, breadth.project.id), breadth.project.id, 3)).toBe(4);
  });

  it("breadth-first counts a pair served to someone as one more vote: the next annotators get other pairs", async () => {
    const { project } = await setup(6, 3, "BREADTH_FIRST");
    const users = await annotators(5, project.id);
    const first: Item[] = [];
    for (const u of users.slice(0, 4)) first.push((await nextOne(u, project.id))!);
    // four annotators holding their pair: four different pairs, the oldest first
    const oldest = await db.pair.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
    expect(first.map((i) => i.pairId)).toEqual(oldest.slice(0, 4).map((p) => p.id));
    // a vote and a hold weigh the same: after a vote on the first pair, the fifth gets an unserved one
    expect((await vote(users[0]!, project.id, first[0]!)).status).toBe(200);
    expect((await nextOne(users[4]!, project.id))!.pairId).toBe(oldest[4]!.id);
  });

  it("depth-first serves a second annotator the pair the first one started", async () => {
    const { project } = await setup(3, 2, "DEPTH_FIRST");
    const [a, b] = (await annotators(2, project.id)) as [SessionUser, SessionUser];
    const newest = await db.pair.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { createdAt: "desc" } });
    // a skips the two oldest so that the started pair is not the one breadth-first would pick anyway
    for (let i = 0; i < 3; i++) {
      const item = (await nextOne(a, project.id))!;
      if (item.pairId === newest.id) {
        expect((await vote(a, project.id, item)).status).toBe(200);
        break;
      }
      await call(a, skips as Handler, { id: project.id }, { assignmentId: item.assignmentId, reason: "later" });
    }
    expect((await nextOne(b, project.id))!.pairId).toBe(newest.id);
  });
});

describe("a held pair that gets all its votes meanwhile", () => {
  /** x holds both pairs, y votes on one of them, and the overlap is lowered to 1: that pair is full. */
  async function filledWhileHeld() {
    const { project } = await setup(2, 2, "BREADTH_FIRST");
    const [x, y] = (await annotators(2, project.id)) as [SessionUser, SessionUser];
    const held: Item[] = (await call(x, next as Handler, { id: project.id }, { count: 2, holding: [] })).body.items;
    expect(held).toHaveLength(2);
    const voted = (await nextOne(y, project.id))!;
    expect((await vote(y, project.id, voted)).status).toBe(200);
    await db.project.update({ where: { id: project.id }, data: { overlap: 1 } });
    const full = held.find((i) => i.pairId === voted.pairId)!;
    const open = held.find((i) => i.pairId !== voted.pairId)!;
    return { project, x, full, open };
  }

  it("refuses a vote on it saying the pair has its votes, and does not serve it again", async () => {
    const { project, x, full, open } = await filledWhileHeld();
    const res = await vote(x, project.id, full);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: "pair_filled",
      message:
        "This pair got all the votes it needs while you were reading it, so your vote was not recorded; here is the next one",
    });
    const again = await call(x, next as Handler, { id: project.id }, { count: 2, holding: [open.assignmentId] });
    expect(again.body.items).toEqual([]);
    expect(await db.vote.count({ where: { pairId: full.pairId } })).toBe(1);
  });

  it("is released by the next request for pairs, not served", async () => {
    const { project, x, full, open } = await filledWhileHeld();
    const items: Item[] = (await call(x, next as Handler, { id: project.id }, { count: 2, holding: [] })).body.items;
    expect(items.map((i) => i.pairId)).toEqual([open.pairId]);
    expect(await db.assignment.count({ where: { pairId: full.pairId, userId: x.id } })).toBe(0);
    expect((await vote(x, project.id, open)).status).toBe(200);
  });
});

describe("a held pair the judge no longer sends to people", () => {
  it("is released by the next request for pairs, not served", async () => {
    // A hybrid project whose two pairs were sent to annotators as uncertain; x holds both.
    const { project } = await setup(2, 1, "BREADTH_FIRST");
    await db.project.update({ where: { id: project.id }, data: { evaluationMode: "HYBRID" } });
    await db.pair.updateMany({ where: { projectId: project.id }, data: { reviewReason: "UNCERTAIN" } });
    const [x] = (await annotators(1, project.id)) as [SessionUser];
    const held: Item[] = (await call(x, next as Handler, { id: project.id }, { count: 2, holding: [] })).body.items;
    expect(held).toHaveLength(2);
    // The admin stops sending uncertain pairs to people: they are the judge's again.
    await db.pair.update({ where: { id: held[0]!.pairId }, data: { reviewReason: null } });
    const items: Item[] = (await call(x, next as Handler, { id: project.id }, { count: 2, holding: [] })).body.items;
    expect(items.map((i) => i.pairId)).toEqual([held[1]!.pairId]);
    expect(await db.assignment.count({ where: { pairId: held[0]!.pairId } })).toBe(0);
  });
});

describe("reservations", () => {
  it("serves reserved pairs only to their annotators, under concurrency", async () => {
    const { project, admin } = await setup(20, 1, "BREADTH_FIRST");
    const [chosen, ...others] = await annotators(11, project.id);
    const res = await call(
      admin,
      reservations.POST as Handler,
      { id: project.id },
      {
        userIds: [chosen!.id],
        amount: 25,
        unit: "percent",
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.pairs).toBe(5);
    expect(res.body.reservations).toMatchObject([{ userId: chosen!.id, reserved: 5, waiting: 5 }]);
    const reserved = new Set(
      (await db.pairReservation.findMany({ where: { projectId: project.id } })).map((r) => r.pairId),
    );
    const [mine, ...theirs] = await Promise.all([chosen!, ...others].map((u) => labelAll(u, project.id)));
    for (const pairs of theirs) expect(pairs.filter((p) => reserved.has(p))).toEqual([]);
    for (const p of reserved) expect(mine).toContain(p);
    await expectFilledExactly(project.id, 1);
    const listed = await call(admin, reservations.GET as Handler, { id: project.id }, undefined, "GET");
    expect(listed.body.reservations).toMatchObject([{ reserved: 5, waiting: 0 }]);
  });

  it("leaves gold pairs out: each annotator answers them once, as they are served", async () => {
    const { project, admin } = await setup(3, 1, "BREADTH_FIRST");
    const [chosen] = (await annotators(1, project.id)) as [SessionUser];
    const gold = await db.pair.findFirstOrThrow({ where: { projectId: project.id } });
    await db.pair.update({ where: { id: gold.id }, data: { goldLabel: "A" } });
    const res = await call(
      admin,
      reservations.POST as Handler,
      { id: project.id },
      { userIds: [chosen.id], amount: 100, unit: "percent" },
    );
    expect(res.body.pairs).toBe(2);
    expect(await db.pairReservation.count({ where: { pairId: gold.id } })).toBe(0);
  });

  it("a released reservation goes back to everyone; only members can be chosen", async () => {
    const { project, admin } = await setup(2, 1, "BREADTH_FIRST");
    const [chosen, other] = (await annotators(2, project.id)) as [SessionUser, SessionUser];
    await call(
      admin,
      reservations.POST as Handler,
      { id: project.id },
      { userIds: [chosen.id], amount: 2, unit: "pairs" },
    );
    expect(await nextOne(other, project.id)).toBeUndefined();
    const released = await call(admin, reservations.DELETE as Handler, { id: project.id }, undefined, "DELETE");
    expect(released.body).toMatchObject({ released: 2, reservations: [] });
    expect(await nextOne(other, project.id)).toBeDefined();
    const outsider = await db.user.create({ data: { email: `o-${randomUUID()}@x.test`, passwordHash: "x" } });
    const bad = await call(
      admin,
      reservations.POST as Handler,
      { id: project.id },
      {
        userIds: [outsider.id],
        amount: 1,
        unit: "pairs",
      },
    );
    expect(bad.status).toBe(422);
    const annotatorTries = await call(
      chosen,
      reservations.POST as Handler,
      { id: project.id },
      {
        userIds: [chosen.id],
        amount: 1,
        unit: "pairs",
      },
    );
    expect(annotatorTries.status).toBe(403);
  });
});

describe("left for you", () => {
  it("counts the pairs this annotator can still be served, with reservations and what they did", async () => {
    const { getProgress } = await import("./progress");
    const { project, admin } = await setup(6, 2, "BREADTH_FIRST");
    const [a, b, c] = (await annotators(3, project.id)) as [SessionUser, SessionUser, SessionUser];
    expect((await getProgress(project.id, a.id)).leftForYou).toBe(6);
    await call(
      admin,
      reservations.POST as Handler,
      { id: project.id },
      { userIds: [b.id, c.id], amount: 2, unit: "pairs" },
    );
    expect((await getProgress(project.id, a.id)).leftForYou).toBe(4);
    expect((await getProgress(project.id, b.id)).leftForYou).toBe(6);
    const item = (await nextOne(a, project.id))!;
    expect((await getProgress(project.id, a.id)).leftForYou).toBe(4); // held, still to do
    const res = await vote(a, project.id, item);
    expect(res.body.progress.leftForYou).toBe(3);
    await call(admin, reservations.DELETE as Handler, { id: project.id }, undefined, "DELETE");
    expect((await getProgress(project.id, a.id)).leftForYou).toBe(5);
    // b and c hold both slots of a pair a has not seen: it is no longer a's to label (set up in
    // the database: the queue itself serves the second annotator a pair nobody holds)
    const target = await db.pair.findFirstOrThrow({
      where: { projectId: project.id, id: { not: item.pairId } },
      orderBy: { createdAt: "asc" },
    });
    const held: Item[] = [];
    for (const u of [b, c]) {
      const { id } = await db.assignment.create({
        data: {
          ...{ projectId: project.id, pairId: target.id, userId: u.id, leftIsA: true },
          leasedUntil: new Date(Date.now() + 600_000),
        },
      });
      held.push({ assignmentId: id, pairId: target.id });
    }
    expect(await getProgress(project.id, a.id)).toMatchObject({ leftForYou: 4, heldByOthers: 1 });
    expect((await getProgress(project.id, b.id)).heldByOthers).toBe(1); // c's hold, not b's own
    // A pair with an answer a wrote is never served to a: not left for them either.
    const mine = await db.pair.findFirstOrThrow({
      where: { projectId: project.id, id: { notIn: [item.pairId, held[0]!.pairId] } },
    });
    await db.candidate.update({ where: { id: mine.candidateAId }, data: { authorId: a.id, source: "HUMAN" } });
    expect((await getProgress(project.id, a.id)).leftForYou).toBe(3);
    for (const [i, u] of [b, c].entries()) expect((await vote(u, project.id, held[i]!)).status).toBe(200);
    expect((await getProgress(project.id, a.id)).leftForYou).toBe(3);
  });
});

describe("admins hold nothing until they submit", () => {
  it("shows previews without assignments; a vote claims the slot, re-checked under the pair's lock", async () => {
    const { project, admin } = await setup(2, 1, "BREADTH_FIRST");
    const [ann] = (await annotators(1, project.id)) as [SessionUser];
    const shown = await call(admin, next as Handler, { id: project.id }, { count: 2, holding: [] });
    expect(shown.body.items).toHaveLength(2);
    expect(await db.assignment.count({ where: { projectId: project.id } })).toBe(0);
    // the annotator is still served both pairs and takes the first
    const taken = (await nextOne(ann, project.id))!;
    expect(taken.pairId).toBe(shown.body.items[0].pairId);
    expect((await vote(ann, project.id, taken)).status).toBe(200);
    const late = await vote(admin, project.id, shown.body.items[0]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("pair_filled");
    const ok = await vote(admin, project.id, shown.body.items[1]);
    expect(ok.status).toBe(200);
    const pair = await db.pair.findUniqueOrThrow({ where: { id: shown.body.items[1].pairId } });
    expect(pair.voteCount).toBe(1);
    const v = await db.vote.findFirstOrThrow({ where: { pairId: pair.id } });
    expect(v.userId).toBe(admin.id);
  });

  it("takes a preview id from admins only, and only for a pair the queue would serve them", async () => {
    const { project, admin } = await setup(3, 1, "BREADTH_FIRST");
    const [ann, other] = (await annotators(2, project.id)) as [SessionUser, SessionUser];
    const pairs = await db.pair.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
    const preview = (i: number) => ({ assignmentId: `preview:${pairs[i]!.id}`, pairId: pairs[i]!.id });
    // An annotator naming a pair the queue never served them: no vote, no skip.
    const forged = await vote(ann, project.id, preview(0));
    expect(forged.status).toBe(409);
    expect(forged.body.error.code).toBe("not_held");
    const skipped = await call(
      ann,
      skips as Handler,
      { id: project.id },
      { assignmentId: preview(0).assignmentId, reason: "other" },
    );
    expect(skipped.body.error.code).toBe("not_held");
    // An admin naming a pair reserved for another annotator, or one with an answer they wrote.
    await db.pairReservation.create({ data: { pairId: pairs[1]!.id, userId: other.id, projectId: project.id } });
    await db.candidate.update({ where: { id: pairs[2]!.candidateAId }, data: { authorId: admin.id, source: "HUMAN" } });
    for (const i of [1, 2]) expect((await vote(admin, project.id, preview(i))).body.error.code).toBe("not_held");
    expect(await db.vote.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.assignment.count({ where: { projectId: project.id } })).toBe(0);
    // The pair the queue does serve them.
    expect((await vote(admin, project.id, preview(0))).status).toBe(200);
  });

  it("an admin labelling among 50 annotators never pushes a pair over its overlap", async () => {
    const { project, admin } = await setup(30, 2, "DEPTH_FIRST");
    await db.projectMember.create({ data: { projectId: project.id, userId: admin.id } });
    const users = await annotators(50, project.id);
    await Promise.all([admin, ...users].map((u) => labelAll(u, project.id)));
    await expectFilledExactly(project.id, 2);
  }, 120_000);
});
