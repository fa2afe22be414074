// The Pairs list on 1,000,000 pairs: the first page, pages deep in the list, filtered pages and
// text searches, each through listPairs (the function the page and the API call), against a
// baseline in the same run: the 50 ids of the same page read from the list's own index
// (an index-only scan, nothing joined). That is the least any page of 50 costs, so the ratio says
// what the page's joins, vote tallies, filters and search add on top; the absolute figures are
// what an admin waits for. Votes (two per pair) cover the newest 200,000 pairs, as a project part
// way through review would have them. PAIR_LIST_BENCH_PAIRS sets another size; PAIR_LIST_BENCH_EXPLAIN=1
// prints each scenario's plan.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { db } from "@/lib/db";
import { encodeCursor, pairListQuerySchema } from "@/lib/pairs/list-schemas";
import { listConditions, rowsSql } from "@/lib/pairs/list-sql";
import { listPairs, type PairListPage } from "@/lib/pairs/pair-list";
import { median, result, type BenchResult } from "./lib";
import { seedPairs } from "./seed-pairs";
import { seedVotes } from "./seed-reviews";

const PAIRS = Number(process.env.PAIR_LIST_BENCH_PAIRS) || 1_000_000;
const VOTED = Math.min(PAIRS, 200_000);
const RUNS = 7;
/** A prompt number 40% down the list: its prompt and both answers hold it. */
const RARE = Math.floor(PAIRS * 0.4);

async function seed() {
  const admin = await db.user.create({
    data: { email: `bench-list-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: {
      name: "pair list bench",
      generationMode: "IMPORTED",
      evaluationMode: "HUMAN",
      overlap: 2,
      createdById: admin.id,
    },
  });
  const users: string[] = [];
  for (let i = 0; i < 8; i++)
    users.push(
      (await db.user.create({ data: { email: `bench-list-${i}-${randomUUID()}@x.test`, passwordHash: "x" } })).id,
    );
  await seedPairs(project.id, "l", PAIRS);
  await seedVotes(project.id, "l", VOTED, users, 2);
  for (const table of ["Pair", "Prompt", "Candidate", "Vote", "Assignment", "Adjudication"])
    await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  return project.id;
}

/** The baseline: the page's 50 ids from the list's index, after the same cursor. */
async function baseline(client: pg.Client, projectId: string, after: { createdAt: Date; id: string } | undefined) {
  const started = performance.now();
  const { rows } = after
    ? await client.query(
        `SELECT "id" FROM "Pair" WHERE "projectId" = $1 AND ("createdAt", "id") < ($2::timestamp, $3) ORDER BY "createdAt" DESC, "id" DESC LIMIT 50`,
        [projectId, after.createdAt.toISOString().replace("Z", ""), after.id],
      )
    : await client.query(
        `SELECT "id" FROM "Pair" WHERE "projectId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 50`,
        [projectId],
      );
  if (rows.length !== 50) throw new Error(`baseline: expected 50 rows, got ${rows.length}`);
  return performance.now() - started;
}

async function page(projectId: string, params: Record<string, string>, expectRows = true) {
  const started = performance.now();
  const p: PairListPage = await listPairs(projectId, pairListQuerySchema.parse(params));
  const ms = performance.now() - started;
  if (expectRows && p.pairs.length === 0) throw new Error(`no rows for ${JSON.stringify(params)}`);
  return { ms, p };
}

export async function runPairListBench(): Promise<BenchResult[]> {
  const t = performance.now();
  const projectId = await seed();
  console.log(
    `  seeded ${PAIRS.toLocaleString()} pairs, ${(VOTED * 2).toLocaleString()} votes in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  // A position 90% of the way down, as the list hands positions out (one row's time and id),
  // then five cursors followed from there: the deep page timed is the fifth.
  const far = await db.pair.findFirstOrThrow({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: Math.floor(PAIRS * 0.9),
    select: { id: true, createdAt: true },
  });
  let cursor = encodeCursor(far);
  for (let i = 0; i < 4; i++) cursor = (await page(projectId, { after: cursor })).p.nextCursor!;
  const deepAfter = pairListQuerySchema.parse({ after: cursor }).after!;

  const scenarios: { name: string; params: Record<string, string>; after?: typeof deepAfter; target: string }[] = [
    { name: "first page", params: {}, target: "<= 40" },
    {
      name: `page 90% deep (${Math.floor(PAIRS * 0.9).toLocaleString()} pairs down, after 5 cursors)`,
      params: { after: cursor },
      after: deepAfter,
      target: "<= 40",
    },
    {
      name: "filtered: disagreement, not adjudicated",
      params: { disagreement: "1", unresolved: "1" },
      target: "<= 40",
    },
    { name: "filtered: outcome both bad (tallied per pair)", params: { outcome: "BOTH_BAD" }, target: "<= 100" },
    { name: `search: a rare term ("prompt ${RARE}")`, params: { q: `prompt ${RARE}` }, target: "<= 100" },
    { name: 'search: a word in every answer ("answer")', params: { q: "answer" }, target: "<= 100" },
    { name: 'search + filter: "answer" and outcome A', params: { q: "answer", outcome: "A" }, target: "<= 100" },
  ];

  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const out: BenchResult[] = [];
  try {
    for (const s of scenarios) {
      const ours: number[] = [];
      const base: number[] = [];
      await page(projectId, s.params); // warm: plans cached, pages in memory, as for a second visitor
      if (process.env.PAIR_LIST_BENCH_EXPLAIN) {
        const q = pairListQuerySchema.parse(s.params);
        const sql = rowsSql(
          projectId,
          await listConditions(projectId, q),
          q.after,
          false,
          q.outcome ? 500 : q.limit + 1,
        );
        const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
          ...sql.values,
        );
        console.log(plan.map((r) => `    ${r["QUERY PLAN"]}`).join("\n"));
      }
      for (let i = 0; i < RUNS; i++) {
        base.push(await baseline(client, projectId, s.after));
        ours.push((await page(projectId, s.params)).ms);
      }
      console.log(
        `  ${s.name}: ${ours.map((m) => m.toFixed(1)).join(", ")} ms; baseline ${base.map((m) => m.toFixed(2)).join(", ")} ms`,
      );
      out.push(result(`pair list, ${s.name}, ms (median of ${RUNS})`, median(ours), "ms", 0, s.target));
      out.push(result(`pair list, ${s.name}, against 50 ids from the index`, median(ours), "ms", median(base), "none"));
    }
  } finally {
    await client.end();
  }
  return out;
}
