import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { LABELS, majority, majoritySql, pairMajoritySql, type Label, type MajoritySql } from "./precedence";
import { recountProjectTallies, recountTallies } from "./tally";
import { foldVoteShapes } from "./vote-shapes";

// The running tally on each pair must always equal a recount of its votes, whatever sequence of
// inserts, re-votes, edits and deletions (one by one or many per statement) produced them; and
// the majority read from the tally (SQL) must be the one `majority()` gives from the votes (JS).

/** A small seeded generator, so a failure replays. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

interface TallyRow {
  id: string;
  counts: number[];
  flagged: number;
  edited: number;
  label: Label | null;
  split: boolean;
  agreement: number | null;
  n: number;
}

/** Each pair's tally, its majority read as the export and metrics read it (stored on the pair). */
async function tallies(projectId: string): Promise<Map<string, TallyRow>> {
  const m = pairMajoritySql("p");
  const { rows } = await bulkPool().query<TallyRow>(
    `SELECT p."id", ARRAY[p."votesA", p."votesB", p."votesTie", p."votesBothBad"] AS counts,
            p."votesFlagged" AS flagged, p."votesEdited" AS edited,
            ${m.label} AS label, ${m.split} AS split, ${m.agreement} AS agreement, ${m.n} AS n
     FROM "Pair" p WHERE p."projectId" = $1`,
    [projectId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The project's running vote shapes, summed: "user choice othersA,othersB,othersTie,othersBothBad" → votes. */
async function shapes(projectId: string): Promise<Record<string, number>> {
  const { rows } = await bulkPool().query<{ key: string; votes: number }>(
    `SELECT concat_ws(' ', "userId", "choice", concat_ws(',', "othersA", "othersB", "othersTie", "othersBothBad")) AS key,
            sum("votes")::int AS votes
     FROM "VoteShapeDelta" WHERE "projectId" = $1 GROUP BY 1 HAVING sum("votes") <> 0`,
    [projectId],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.votes]).sort());
}

/** What the vote shapes should be, recounted here in JS from the counted (not excluded) votes. */
async function recountedShapes(projectId: string): Promise<Record<string, number>> {
  const votes = await db.vote.findMany({ where: { projectId, excluded: false } });
  const out: Record<string, number> = {};
  for (const v of votes) {
    const others = votes.filter((o) => o.pairId === v.pairId && o.id !== v.id);
    const counts = LABELS.map((l) => others.filter((o) => o.choice === l).length).join(",");
    const key = `${v.userId} ${v.choice} ${counts}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort());
}

/** What the tally of each pair should be, recounted from its counted (not excluded) votes here in JS. */
async function recounted(projectId: string) {
  const votes = await db.vote.findMany({ where: { projectId, excluded: false } });
  const pairs = await db.pair.findMany({ where: { projectId }, select: { id: true } });
  return new Map(
    pairs.map(({ id }) => {
      const mine = votes.filter((v) => v.pairId === id);
      const choices = mine.map((v) => v.choice as Label);
      const { label, split, agreement, votes: n } = majority(choices);
      return [
        id,
        {
          id,
          counts: LABELS.map((l) => choices.filter((c) => c === l).length),
          flagged: mine.filter((v) => v.flags.length > 0).length,
          edited: mine.filter((v) => v.editedText !== null).length,
          label,
          split,
          agreement,
          n,
        },
      ];
    }),
  );
}

describe("the running tally of votes", () => {
  it("equals a recount from the votes after random sequences of vote changes", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const pairs = await Promise.all(Array.from({ length: 6 }, () => pair()));
    const users = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        db.user.create({ data: { email: `tally-${i}-${randomUUID()}@x.test`, passwordHash: "x" } }),
      ),
    );
    const rand = random(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

    const addVote = async (pairId: string, userId: string) => {
      const asg = await db.assignment.create({
        data: { projectId: project.id, pairId, userId, status: "VOTED", leftIsA: true, leasedUntil: new Date() },
      });
      return {
        id: randomUUID(),
        assignmentId: asg.id,
        projectId: project.id,
        pairId,
        userId,
        choice: pick(LABELS),
        leftIsA: true,
        timeOnItemMs: 1000,
        flags: rand() < 0.2 ? ["harmful"] : [],
        editedText: rand() < 0.2 ? "better answer" : null,
      };
    };

    for (let step = 0; step < 60; step++) {
      const op = rand();
      const p = pick(pairs).id;
      const existing = await db.vote.findMany({ where: { projectId: project.id } });
      const held = await db.assignment.findMany({ where: { projectId: project.id } });
      const free = users.filter((u) => !held.some((a) => a.pairId === p && a.userId === u.id));
      if (op < 0.4 && free.length) {
        await db.vote.create({ data: await addVote(p, pick(free).id) });
      } else if (op < 0.55) {
        // Several votes on several pairs in one statement.
        const batch = [];
        for (const q of pairs) {
          const taken = held.filter((a) => a.pairId === q.id).map((a) => a.userId);
          const u = users.find((x) => !taken.includes(x.id));
          if (u && rand() < 0.5) batch.push(await addVote(q.id, u.id));
        }
        await db.vote.createMany({ data: batch });
      } else if (op < 0.75 && existing.length) {
        const v = pick(existing);
        await db.vote.update({
          where: { id: v.id },
          data: {
            choice: pick(LABELS),
            flags: rand() < 0.5 ? [] : ["broken"],
            editedText: rand() < 0.5 ? null : "rewritten",
          },
        });
      } else if (op < 0.8 && existing.length) {
        // The trust rule leaving an annotator's votes out, or taking them back in.
        await db.vote.updateMany({
          where: { projectId: project.id, userId: pick(users).id },
          data: { excluded: rand() < 0.5 },
        });
      } else if (op < 0.88 && existing.length) {
        const v = pick(existing);
        await db.vote.delete({ where: { id: v.id } });
        await db.assignment.delete({ where: { id: v.assignmentId } });
      } else if (existing.length) {
        // Re-votes across pairs in one statement; deletions by cascade from the assignments.
        await db.vote.updateMany({ where: { projectId: project.id, choice: pick(LABELS) }, data: { choice: "A" } });
        await db.assignment.deleteMany({ where: { projectId: project.id, userId: pick(users).id } });
      }
      expect(await tallies(project.id), `after step ${step}`).toEqual(await recounted(project.id));
      expect(await shapes(project.id), `shapes after step ${step}`).toEqual(await recountedShapes(project.id));
      if (step % 20 === 19) {
        await foldVoteShapes(project.id);
        expect(await shapes(project.id), `shapes folded after step ${step}`).toEqual(await recountedShapes(project.id));
      }
    }
  });

  it("gives a split, not a choice, for an even split between the leading choices", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const split = await pair({ votes: [{ choice: "A" }, { choice: "B" }] });
    const threeWay = await pair({ votes: [{ choice: "A" }, { choice: "B" }, { choice: "TIE" }] });
    const tie = await pair({ votes: [{ choice: "TIE" }, { choice: "TIE" }] });
    const win = await pair({ votes: [{ choice: "B" }, { choice: "B" }, { choice: "A" }] });
    const t = await tallies(project.id);
    expect(t.get(split.id)).toMatchObject({ label: "TIE", split: true, n: 2, agreement: 0.5 });
    expect(t.get(threeWay.id)).toMatchObject({ label: "TIE", split: true, n: 3 });
    expect(t.get(tie.id)).toMatchObject({ label: "TIE", split: false, agreement: 1 });
    expect(t.get(win.id)).toMatchObject({ label: "B", split: false });
    expect(majority(["A", "B"])).toMatchObject({ label: "TIE", split: true });
    expect(majority(["TIE"])).toMatchObject({ label: "TIE", split: false });
  });

  it("reads the same majority in SQL as in JS for every split of up to 4 votes per choice", async () => {
    const shapes: number[][] = [];
    for (let i = 0; i < 5 ** 4; i++) shapes.push([0, 1, 2, 3].map((d) => Math.floor(i / 5 ** d) % 5));
    const expected = shapes.map((counts) => {
      const choices = LABELS.flatMap((l, i) => Array<Label>(counts[i]!).fill(l));
      const { label, split, agreement, votes } = majority(choices);
      return { label, split, agreement, n: votes };
    });
    type Row = { label: Label | null; split: boolean; agreement: number | null; n: number };
    const read = async (m: MajoritySql) =>
      (
        await bulkPool().query<Row>(
          `SELECT ${m.label} AS label, ${m.split} AS split, ${m.agreement} AS agreement, ${m.n}::int AS n
           FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) WITH ORDINALITY AS c(a, b, t, x, i)
           CROSS JOIN LATERAL (SELECT c.a AS "votesA", c.b AS "votesB", c.t AS "votesTie", c.x AS "votesBothBad",
             pair_majority(c.a, c.b, c.t, c.x) AS "majority") p
           ORDER BY c.i`,
          [0, 1, 2, 3].map((d) => shapes.map((s) => s[d])),
        )
      ).rows;
    // The expression over the counts, and the majority the pairs store (the migration's function).
    expect(await read(majoritySql({ A: "c.a", B: "c.b", TIE: "c.t", BOTH_BAD: "c.x" }))).toEqual(expected);
    expect(await read(pairMajoritySql("p"))).toEqual(expected);
  });

  it("recounts pairs whose tally no longer matches their votes", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const a = await pair({ votes: [{ choice: "A" }, { choice: "A", flags: ["harmful"] }] });
    const b = await pair({ votes: [{ choice: "B", editedText: "x" }] });
    const expected = await recounted(project.id);
    // As if the rule of which votes count had changed without a write to the votes.
    await db.pair.updateMany({
      where: { projectId: project.id },
      data: { votesA: 0, votesB: 7, votesTie: 1, votesFlagged: 3, votesEdited: 0 },
    });
    expect(await recountTallies([a.id])).toBe(1);
    expect((await tallies(project.id)).get(a.id)).toEqual(expected.get(a.id));
    expect((await tallies(project.id)).get(b.id)).not.toEqual(expected.get(b.id));
    const days = () =>
      db.voteDay.findMany({
        where: { projectId: project.id },
        select: { userId: true, day: true, votes: true },
        orderBy: [{ day: "asc" }, { userId: "asc" }],
      });
    await db.voteShapeDelta.deleteMany({ where: { projectId: project.id } });
    const kept = await days();
    expect(kept.reduce((n, d) => n + d.votes, 0)).toBe(3);
    await db.voteDay.deleteMany({ where: { projectId: project.id } });
    expect(await recountProjectTallies(project.id)).toBe(2);
    expect(await tallies(project.id)).toEqual(expected);
    // The dashboard's votes per annotator and day come back as the triggers kept them, and the
    // metrics' vote shapes from the votes.
    expect(await days()).toEqual(kept);
    expect(await shapes(project.id)).toEqual(await recountedShapes(project.id));
    expect(Object.keys(await shapes(project.id))).toHaveLength(3);
  });

  it("keeps the vote shapes exact when annotators vote on the same pairs at once", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const pairs = await Promise.all(Array.from({ length: 3 }, () => pair()));
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.user.create({ data: { email: `shapes-${i}-${randomUUID()}@x.test`, passwordHash: "x" } }),
      ),
    );
    // Every annotator votes on every pair, each vote in its own transaction on its own connection,
    // held open a moment after the insert so that transactions on one pair overlap.
    const votes = [];
    for (const u of users) {
      for (const p of pairs) {
        const asg = await db.assignment.create({
          data: {
            projectId: project.id,
            pairId: p.id,
            userId: u.id,
            status: "VOTED",
            leftIsA: true,
            leasedUntil: new Date(),
          },
        });
        votes.push({ asg: asg.id, pairId: p.id, userId: u.id, choice: LABELS[(votes.length * 7) % 4]! });
      }
    }
    await Promise.all(
      votes.map(async (v) => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        try {
          await client.query("BEGIN");
          await client.query(
            `INSERT INTO "Vote" ("id", "assignmentId", "projectId", "pairId", "userId", "choice", "leftIsA", "timeOnItemMs")
             VALUES ($1, $2, $3, $4, $5, $6, true, 1000)`,
            [randomUUID(), v.asg, project.id, v.pairId, v.userId, v.choice],
          );
          await client.query("SELECT pg_sleep(0.02)");
          await client.query("COMMIT");
        } finally {
          await client.end();
        }
      }),
    );
    const expected = await recountedShapes(project.id);
    expect(Object.values(expected).reduce((n, c) => n + c, 0)).toBe(24);
    expect(await shapes(project.id)).toEqual(expected);
  });
});
