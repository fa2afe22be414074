import { describe, expect, it } from "vitest";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestPair, createTestProject } from "@/lib/testing/factories";
import { foldJudgeFigures, judgeFigures, recountJudgeFigures, type JudgeFigures } from "./judge-figures";

// The running judge figures must always equal a recount of the project's judgments, whatever
// sequence of inserts (one by one, many per statement, repeated), retries (failed ones deleted),
// edits and pair deletions produced them, and however two judges' statements interleave.

type Verdict = "A" | "B" | "TIE" | "FAILED";

/** The figures recounted here in JS from the judgments, grouped per pair and judge. */
async function recounted(projectId: string, panel?: string[]): Promise<JudgeFigures> {
  const judgments = await db.judgment.findMany({
    where: { projectId, ...(panel ? { endpointId: { in: panel } } : {}) },
  });
  const groups = new Map<string, typeof judgments>();
  for (const j of judgments) {
    const key = `${j.pairId} ${j.endpointId}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  const f: JudgeFigures = { judged: 0, failedPairs: 0, bothOrders: 0, inconsistent: 0, decisive: 0, firstWins: 0 };
  for (const group of groups.values()) {
    const ok = group.filter((j) => j.status === "OK");
    if (group.length === 2) f.judged++;
    if (group.length === 2 && group.some((j) => j.status === "FAILED")) f.failedPairs++;
    if (ok.length === 2) f.bothOrders++;
    if (ok.length === 2 && ok[0]!.winner !== ok[1]!.winner) f.inconsistent++;
    for (const j of ok) {
      if (j.winner !== "A" && j.winner !== "B") continue;
      f.decisive++;
      if ((j.winner === "A") !== j.swapped) f.firstWins++;
    }
  }
  return f;
}

async function setUp(pairs: number) {
  const project = await createTestProject({ generationMode: "STRONG_WEAK", evaluationMode: "HYBRID" });
  const judges = [await createTestEndpoint(), await createTestEndpoint()];
  const ids: string[] = [];
  for (let i = 0; i < pairs; i++) ids.push((await createTestPair(project.id)).id);
  return { projectId: project.id, pairs: ids, judges: judges.map((j) => j.id) };
}

const judgment = (projectId: string, pairId: string, endpointId: string, swapped: boolean, verdict: Verdict) => ({
  projectId,
  pairId,
  endpointId,
  swapped,
  status: verdict === "FAILED" ? ("FAILED" as const) : ("OK" as const),
  winner: verdict === "FAILED" ? null : verdict,
  rawText: "{}",
});

async function expectRunningEqualsRecount(projectId: string) {
  const expected = await recounted(projectId);
  expect(await judgeFigures(projectId)).toEqual(expected);
  // Per judge too: the metrics count only the current panel's judgments.
  const judges = (await db.judgment.findMany({ where: { projectId }, distinct: ["endpointId"] })).map(
    (j) => j.endpointId,
  );
  for (const judge of judges)
    expect(await judgeFigures(projectId, [judge])).toEqual(await recounted(projectId, [judge]));
  // The recount in SQL (for rows written with the triggers off) comes to the same figures.
  await recountJudgeFigures(projectId);
  expect(await judgeFigures(projectId)).toEqual(expected);
  for (const judge of judges)
    expect(await judgeFigures(projectId, [judge])).toEqual(await recounted(projectId, [judge]));
}

describe("running judge figures", () => {
  it("follow every kind of change to the judgments", async () => {
    const { projectId, pairs, judges } = await setUp(8);
    const [j1, j2] = judges as [string, string];
    // Every combination of two orders, one order only, and a second judge on the same pairs.
    const both: [Verdict, Verdict][] = [
      ["A", "A"],
      ["A", "B"],
      ["TIE", "TIE"],
      ["B", "TIE"],
      ["A", "FAILED"],
      ["FAILED", "FAILED"],
    ];
    // One by one.
    for (const [i, [inOrder, swapped]] of both.entries()) {
      await db.judgment.create({ data: judgment(projectId, pairs[i]!, j1, false, inOrder) });
      await expectRunningEqualsRecount(projectId);
      await db.judgment.create({ data: judgment(projectId, pairs[i]!, j1, true, swapped) });
    }
    await db.judgment.create({ data: judgment(projectId, pairs[6]!, j1, true, "B") });
    await db.judgment.create({ data: judgment(projectId, pairs[7]!, j1, false, "FAILED") });
    await expectRunningEqualsRecount(projectId);

    // Many per statement, with both orders of a pair in the same statement.
    await db.judgment.createMany({
      data: [
        judgment(projectId, pairs[0]!, j2, false, "B"),
        judgment(projectId, pairs[0]!, j2, true, "A"),
        judgment(projectId, pairs[1]!, j2, true, "A"),
        judgment(projectId, pairs[6]!, j1, false, "A"),
      ],
    });
    await expectRunningEqualsRecount(projectId);

    // A second execution of a stored task inserts nothing (as storeJudgment does).
    const twice = judgment(projectId, pairs[0]!, j2, false, "A");
    await bulkPool().query(
      `INSERT INTO "Judgment" ("id", "projectId", "pairId", "endpointId", "swapped", "status", "winner", "rawText")
       VALUES (gen_random_uuid()::text, $1, $2, $3, $4, 'OK', 'A', '{}') ON CONFLICT DO NOTHING`,
      [twice.projectId, twice.pairId, twice.endpointId, twice.swapped],
    );
    await expectRunningEqualsRecount(projectId);

    // "Retry failed" deletes the failed judgments; the retried ones come back OK.
    await db.judgment.deleteMany({ where: { projectId, endpointId: j1, status: "FAILED" } });
    await expectRunningEqualsRecount(projectId);
    await db.judgment.createMany({
      data: [judgment(projectId, pairs[4]!, j1, true, "B"), judgment(projectId, pairs[5]!, j1, false, "A")],
    });
    await expectRunningEqualsRecount(projectId);

    // An edit of a verdict, and of an order.
    await db.judgment.updateMany({
      where: { pairId: pairs[0]!, endpointId: j1, swapped: true },
      data: { winner: "B" },
    });
    await expectRunningEqualsRecount(projectId);
    await db.judgment.updateMany({ where: { pairId: pairs[1]!, endpointId: j2 }, data: { swapped: false } });
    await expectRunningEqualsRecount(projectId);

    // Deleting a pair deletes its judgments.
    await db.pair.delete({ where: { id: pairs[2]! } });
    await expectRunningEqualsRecount(projectId);
    expect((await judgeFigures(projectId)).judged).toBeGreaterThan(0);
  });

  it("count both orders of a pair stored at once by two workers", async () => {
    const { projectId, pairs, judges } = await setUp(1);
    const [first, second] = await Promise.all([bulkPool().connect(), bulkPool().connect()]);
    const insert = `INSERT INTO "Judgment" ("id", "projectId", "pairId", "endpointId", "swapped", "status", "winner", "rawText")
                    VALUES (gen_random_uuid()::text, $1, $2, $3, $4, 'OK', $5, '{}')`;
    try {
      await first.query("BEGIN");
      await second.query("BEGIN");
      await first.query(insert, [projectId, pairs[0], judges[0], false, "A"]);
      // The second order's statement cannot see the first one until it commits: its trigger waits.
      const storing = second.query(insert, [projectId, pairs[0], judges[0], true, "A"]);
      await new Promise((r) => setTimeout(r, 200));
      await first.query("COMMIT");
      await storing;
      await second.query("COMMIT");
    } finally {
      first.release();
      second.release();
    }
    await expectRunningEqualsRecount(projectId);
    expect(await judgeFigures(projectId)).toMatchObject({ judged: 1, bothOrders: 1, inconsistent: 0, firstWins: 1 });
  });

  it("fold into one row per project and judge without changing the figures, and go with their project", async () => {
    const { projectId, pairs, judges } = await setUp(3);
    for (const [i, pairId] of pairs.entries())
      for (const swapped of [false, true])
        await db.judgment.create({ data: judgment(projectId, pairId, judges[0]!, swapped, i ? "A" : "FAILED") });
    const rows = () => db.judgeFigureDelta.count({ where: { projectId } });
    // One row per statement that changed a figure (the first pair's first order, failed, did not).
    expect(await rows()).toBe(5);
    const before = await recounted(projectId);
    await foldJudgeFigures(projectId);
    expect(await rows()).toBe(1);
    expect(await judgeFigures(projectId)).toEqual(before);
    await db.project.delete({ where: { id: projectId } });
    expect(await rows()).toBe(0);
  });
});
