import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getProgress } from "@/lib/annotation/progress";
import { nextItems } from "@/lib/annotation/queue";
import { pairReview } from "@/lib/annotation/review";
import { submitVote, undoVote } from "@/lib/annotation/votes";
import { exportCounts } from "@/lib/export/engine";
import { exportOptionsSchema } from "@/lib/export/options";
import { exportProject } from "@/lib/export/test-helpers";
import { getProjectMetrics } from "@/lib/metrics/project-metrics";
import { importPairs } from "@/lib/pairs/import-pairs";
import { pairListQuerySchema } from "@/lib/pairs/list-schemas";
import { setGold } from "@/lib/pairs/gold";
import { listPairs } from "@/lib/pairs/pair-list";
import { updateProject } from "@/lib/projects/projects";
import { sameOriginJson } from "@/lib/testing/requests";
import { applyTrust, goldAccuracy } from "./trust";

// Gold pairs (served at the project's rate, once per annotator, looking like any other pair,
// never in the dataset) and the trust rule (votes of annotators below a gold accuracy left out
// of majorities and exports, and counted again when they recover), through the real queue,
// submit path, export and metrics.

const als = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => als.user,
  sessionAccountDeactivated: async () => false,
}));
const nextRoute = (await import("@/app/api/projects/[id]/annotate/next/route")).POST;

afterEach(() => vi.restoreAllMocks());

/** A seeded generator (mulberry32): the same draws on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function user(role: "ADMIN" | "ANNOTATOR" = "ANNOTATOR"): Promise<SessionUser> {
  const u = await db.user.create({ data: { email: `u-${randomUUID()}@x.test`, passwordHash: "x", role } });
  return { id: u.id, email: u.email, name: null, role };
}

/** A HUMAN project with `regular` pairs, then `gold` gold pairs (known answer A), created in that order. */
async function project(o: { regular: number; gold: number; overlap: number; goldRate: number }) {
  const admin = await user("ADMIN");
  const p = await db.project.create({
    data: {
      name: "gold",
      generationMode: "IMPORTED",
      evaluationMode: "HUMAN",
      overlap: o.overlap,
      goldRate: o.goldRate,
      createdById: admin.id,
    },
  });
  // Created in bulk, each pair a second after the previous, so "oldest first" is this order.
  const n = o.regular + o.gold;
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000);
  const ids = Array.from({ length: n }, (_, i) => ({
    prompt: randomUUID(),
    a: randomUUID(),
    b: randomUUID(),
    pair: randomUUID(),
    gold: i >= o.regular,
    i,
  }));
  await db.prompt.createMany({
    data: ids.map((x) => ({ id: x.prompt, projectId: p.id, text: `prompt ${x.i}`, promptKey: `k${x.i}` })),
  });
  await db.candidate.createMany({
    data: ids.flatMap((x) =>
      [x.a, x.b].map((id, s) => ({
        id,
        projectId: p.id,
        promptId: x.prompt,
        source: "IMPORTED" as const,
        text: `answer ${s} of ${x.i}`,
        sampleIndex: s,
      })),
    ),
  });
  await db.pair.createMany({
    data: ids.map((x) => ({
      id: x.pair,
      projectId: p.id,
      promptId: x.prompt,
      candidateAId: x.a,
      candidateBId: x.b,
      goldLabel: x.gold ? ("A" as const) : null,
      sourceLabel: "A" as const,
      createdAt: at(x.i),
    })),
  });
  const regular: string[] = ids.filter((x) => !x.gold).map((x) => x.pair);
  const gold: string[] = ids.filter((x) => x.gold).map((x) => x.pair);
  return { id: p.id, admin, regular, gold };
}

/** The annotator's vote for candidate A or B on a pair served to them, through the submit path. */
async function vote(projectId: string, u: SessionUser, pairId: string, choice: "A" | "B") {
  const held = await db.assignment.create({
    data: { projectId, pairId, userId: u.id, leftIsA: true, leasedUntil: new Date(Date.now() + 60_000) },
  });
  await submitVote(projectId, u.id, {
    voteId: randomUUID(),
    assignmentId: held.id,
    choice: choice === "A" ? "LEFT" : "RIGHT",
    timeOnItemMs: 1000,
  });
}

describe("serving gold pairs", () => {
  it("serves gold at the project's rate (seeded draws, loose bounds), each gold pair once per annotator", async () => {
    vi.spyOn(Math, "random").mockImplementation(seeded(15));
    const p = await project({ regular: 400, gold: 80, overlap: 1, goldRate: 0.1 });
    const u = await user();
    const items = await nextItems(p.id, u.id, 300, []);
    expect(items).toHaveLength(300);
    expect(new Set(items.map((i) => i.pairId)).size).toBe(300);
    const served = items.filter((i) => p.gold.includes(i.pairId)).length;
    // Binomial(300, 0.1): mean 30, sd 5.2; these bounds are more than 3 sd away.
    expect(served).toBeGreaterThanOrEqual(14);
    expect(served).toBeLessThanOrEqual(48);

    await db.project.update({ where: { id: p.id }, data: { goldRate: 0 } });
    const other = await user();
    const none = await nextItems(p.id, other.id, 60, []);
    expect(none.filter((i) => p.gold.includes(i.pairId))).toEqual([]);
  }, 120_000);

  it("takes one answer from every annotator whatever the overlap, and feeds no gold to one whose queue is empty", async () => {
    const p = await project({ regular: 3, gold: 1, overlap: 1, goldRate: 1 });
    const annotators = [await user(), await user(), await user()];
    for (const u of annotators) {
      const [first] = await nextItems(p.id, u.id, 1, []);
      expect(first?.pairId).toBe(p.gold[0]);
      await submitVote(p.id, u.id, {
        voteId: randomUUID(),
        assignmentId: first!.assignmentId,
        choice: "LEFT",
        timeOnItemMs: 900,
      });
      const [second] = await nextItems(p.id, u.id, 1, []);
      expect(p.regular).toContain(second?.pairId);
      await submitVote(p.id, u.id, {
        voteId: randomUUID(),
        assignmentId: second!.assignmentId,
        choice: "LEFT",
        timeOnItemMs: 900,
      });
    }
    expect(await db.vote.count({ where: { pairId: p.gold[0] } })).toBe(3);
    // Every regular pair has its one vote: nothing is left, so nothing is served, gold included.
    expect(await nextItems(p.id, (await user()).id, 1, [])).toEqual([]);
  });

  it("looks exactly like any other pair in the annotate payload", async () => {
    const p = await project({ regular: 1, gold: 1, overlap: 1, goldRate: 1 });
    als.user = await user();
    await db.projectMember.create({ data: { projectId: p.id, userId: als.user.id } });
    const res = await nextRoute(
      new Request("http://test/api", {
        method: "POST",
        headers: sameOriginJson,
        body: JSON.stringify({ count: 2, holding: [] }),
      }),
      { params: Promise.resolve({ id: p.id }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    const [gold, regular] = body.items;
    expect(gold!.pairId).toBe(p.gold[0]);
    expect(regular!.pairId).toBe(p.regular[0]);
    const shape = (v: unknown): unknown =>
      v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
        : v === null
          ? "null"
          : typeof v;
    expect(shape(gold)).toEqual(shape(regular));
    expect(JSON.stringify(body)).not.toMatch(/gold/i);
  });

  it("counts among what is left for the annotator, so an answer to one moves the count like any other", async () => {
    const p = await project({ regular: 3, gold: 2, overlap: 1, goldRate: 0.5 });
    const u = await user();
    const left = async () => (await getProgress(p.id, u.id)).leftForYou;
    expect(await left()).toBe(5);
    await vote(p.id, u, p.gold[0]!, "A");
    expect(await left()).toBe(4);
    await vote(p.id, u, p.regular[0]!, "A");
    expect(await left()).toBe(3);
    // Gold is served only while regular work remains: with none left, nothing is.
    await vote(p.id, u, p.regular[1]!, "A");
    await vote(p.id, u, p.regular[2]!, "A");
    expect(await left()).toBe(0);
  });
});

describe("gold pairs and the dataset", () => {
  it("are never exported nor counted in the dataset figures, and the pair list filters them", async () => {
    const { project: p, pair } = await exportProject("HUMAN");
    const regular = await pair({ votes: [{ choice: "A" }, { choice: "B" }, { choice: "A" }] });
    const gold = await pair({ votes: [{ choice: "A" }, { choice: "A" }], gold: "B" });
    const counts = await exportCounts(p.id, exportOptionsSchema.parse({}));
    expect(counts.splits.train).toBe(1);
    expect(counts.excluded.gold).toBe(1);

    const m = await getProjectMetrics(p.id);
    expect(m.lengthBias.n).toBe(1); // decided pairs: the regular one only
    expect(m.annotators.nPairs).toBe(1); // pairs with 2+ votes: the gold one is not counted
    expect(m.gold.goldPairs).toBe(1);
    expect(m.gold.perAnnotator.map((a) => [a.answers, a.correct, a.accuracy])).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);

    const listed = await listPairs(p.id, pairListQuerySchema.parse({ gold: "1" }));
    expect(listed.pairs.map((r) => [r.id, r.goldLabel])).toEqual([[gold.id, "B"]]);
    expect((await listPairs(p.id, pairListQuerySchema.parse({}))).pairs.map((r) => r.id)).toContain(regular.id);
  });

  it("a pair import marks its rows gold from the file's label when asked", async () => {
    const { project: p } = await exportProject("HUMAN");
    const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN", id: p.createdById } });
    const rows = [
      { prompt: "first", chosen: "good", rejected: "bad" },
      { prompt: "second", chosen: "right", rejected: "wrong" },
    ];
    await importPairs({
      projectId: p.id,
      userId: admin.id,
      input: rows.map((r) => JSON.stringify(r)).join("\n"),
      format: "jsonl",
      gold: true,
    });
    await importPairs({
      projectId: p.id,
      userId: admin.id,
      input: JSON.stringify({ prompt: "third", chosen: "c", rejected: "r" }),
      format: "jsonl",
    });
    const pairs = await db.pair.findMany({
      where: { projectId: p.id },
      select: { goldLabel: true, sourceLabel: true, prompt: { select: { text: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(
      pairs.map((x) => [x.prompt.text, x.goldLabel, x.goldLabel === null || x.goldLabel === x.sourceLabel]),
    ).toEqual([
      ["first", pairs[0]!.sourceLabel, true],
      ["second", pairs[1]!.sourceLabel, true],
      ["third", null, true],
    ]);
  });
});

describe("trust: votes of annotators below the gold accuracy rule", () => {
  it("are left out of majorities and exports, and count again when the annotator's accuracy recovers", async () => {
    const p = await project({ regular: 3, gold: 5, overlap: 2, goldRate: 0 });
    const [good, bad] = [await user(), await user()];
    await updateProject(p.id, p.admin, { trustMinAccuracy: 0.6, trustMinGold: 2 });
    const [contested, later] = p.regular as [string, string, string];
    const label = async (pairId: string) => (await pairReview(p.id, pairId)).outcome.label;
    const counts = () => exportCounts(p.id, exportOptionsSchema.parse({}));

    await vote(p.id, good, contested, "A");
    await vote(p.id, bad, contested, "B");
    expect(await label(contested)).toBe("TIE");
    expect((await counts()).excluded.split).toBe(1); // an even split of two votes is undecided, not a tie

    // Two wrong gold answers: 0% with 2 answers, below 60%.
    await vote(p.id, bad, p.gold[0]!, "B");
    expect(await db.vote.count({ where: { userId: bad.id, excluded: true } })).toBe(0); // 1 answer: too few
    await vote(p.id, bad, p.gold[1]!, "B");
    await vote(p.id, good, p.gold[0]!, "A");
    await vote(p.id, good, p.gold[1]!, "A");
    expect(await label(contested)).toBe("A");
    // Left out, the bad vote does not fill the overlap either: the pair lacks a vote, is not
    // complete for the export, and the queue serves it again to someone who has not voted on it.
    expect(await db.pair.findUniqueOrThrow({ where: { id: contested } })).toMatchObject({ voteCount: 1 });
    expect(await counts()).toMatchObject({ splits: { train: 0 }, excluded: { split: 0, incomplete: 1 } });
    const third = await user();
    expect((await nextItems(p.id, third.id, 3, [])).map((i) => i.pairId)).toContain(contested);
    // A vote cast while below the rule is left out as it arrives.
    await vote(p.id, bad, later, "B");
    expect(await db.vote.findFirst({ where: { pairId: later, userId: bad.id }, select: { excluded: true } })).toEqual({
      excluded: true,
    });
    expect(await label(later)).toBeNull();
    expect(await db.pair.findUniqueOrThrow({ where: { id: later } })).toMatchObject({ voteCount: 0 });
    const accuracy = await goldAccuracy(p.id);
    expect(accuracy.perAnnotator.map((a) => [a.userId, a.answers, a.correct, a.excluded])).toEqual(
      expect.arrayContaining([
        [bad.id, 2, 0, true],
        [good.id, 2, 2, false],
      ]),
    );

    // Three right answers: 3 of 5 is 60%, no longer below the rule.
    for (const g of p.gold.slice(2)) await vote(p.id, bad, g, "A");
    expect(await db.vote.count({ where: { userId: bad.id, excluded: true } })).toBe(0);
    expect(await db.pair.findUniqueOrThrow({ where: { id: contested } })).toMatchObject({ voteCount: 2 });
    expect(await label(contested)).toBe("TIE");
    expect(await label(later)).toBe("B");
    expect((await counts()).excluded.split).toBe(1); // an even split of two votes is undecided, not a tie

    // A stricter rule applies at once, and turning it off counts every vote again.
    await updateProject(p.id, p.admin, { trustMinAccuracy: 0.7 });
    expect(await label(contested)).toBe("A");
    expect(await applyTrust(p.id)).toEqual([]); // already applied: nothing changes
    await updateProject(p.id, p.admin, { trustMinAccuracy: null });
    expect(await label(contested)).toBe("TIE");
    expect(await db.vote.count({ where: { projectId: p.id, excluded: true } })).toBe(0);
  });

  it("neither fill a pair's overlap as they arrive nor empty it when taken back", async () => {
    const p = await project({ regular: 1, gold: 1, overlap: 2, goldRate: 0 });
    const bad = await user();
    await updateProject(p.id, p.admin, { trustMinAccuracy: 0.5, trustMinGold: 1 });
    await vote(p.id, bad, p.gold[0]!, "B"); // wrong: 0% of 1, below the rule
    const [pairId] = p.regular as [string];
    const held = await db.assignment.create({
      data: { projectId: p.id, pairId, userId: bad.id, leftIsA: true, leasedUntil: new Date(Date.now() + 60_000) },
    });
    const voteId = randomUUID();
    await submitVote(p.id, bad.id, { voteId, assignmentId: held.id, choice: "LEFT", timeOnItemMs: 1000 });
    const voteCount = async () => (await db.pair.findUniqueOrThrow({ where: { id: pairId } })).voteCount;
    expect(await voteCount()).toBe(0);
    await undoVote(p.id, bad.id, voteId);
    expect(await voteCount()).toBe(0);
  });

  it("are decided anew when an admin marks or unmarks a gold pair", async () => {
    const p = await project({ regular: 2, gold: 0, overlap: 2, goldRate: 0 });
    const [good, bad] = [await user(), await user()];
    await updateProject(p.id, p.admin, { trustMinAccuracy: 0.5, trustMinGold: 1 });
    const [contested, known] = p.regular as [string, string];
    await vote(p.id, good, contested, "A");
    await vote(p.id, bad, contested, "B");
    await vote(p.id, bad, known, "B");
    const label = async () => (await pairReview(p.id, contested)).outcome.label;
    expect(await label()).toBe("TIE");

    const changed = await setGold(p.id, known, "A");
    expect(changed.sort()).toEqual([contested, known].sort());
    expect(await label()).toBe("A");
    await setGold(p.id, known, null);
    expect(await label()).toBe("TIE");
  });
});
