// Human votes and judge verdicts on pairs seeded by seedPairs, for the benches that read them.
// Every figure is a pure function of the pair number g, so the Pair columns (voteCount,
// judgeStatus, judgeLabel) can be written with the pairs and agree with the rows seeded here.
import pg from "pg";
import { recountProjectTallies } from "@/lib/labels/tally";
import { recountJudgeFigures } from "@/lib/metrics/judge-figures";

/**
 * Runs the inserts in one transaction on one connection. As a superuser (the embedded server),
 * with foreign-key triggers off for it: the rows point only at rows seeded just before, and the
 * 6,000,000 key lookups otherwise take most of the seeding's minutes.
 */
async function bulkInsert(statements: [string, unknown[]][]) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    if (rows[0]?.rolsuper) await client.query(`SET LOCAL session_replication_role = replica`);
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

const categories = `ARRAY['A', 'B', 'TIE', 'BOTH_BAD']`;
/** The pair's "true" category index: half A, 30% B, 10% TIE, 10% BOTH_BAD. */
const base = (g: string) =>
  `(CASE WHEN ${g} % 10 < 5 THEN 0 WHEN ${g} % 10 < 8 THEN 1 WHEN ${g} % 10 = 8 THEN 2 ELSE 3 END)`;
/** Voter k of pair g: a fifth of the votes stray from the pair's category, so raters disagree. */
const voteChoice = (g: string, k: string) =>
  `(${categories})[1 + CASE WHEN (${g} * 31 + ${k} * 17) % 5 = 0 THEN (${base(g)} + 1 + ${k}) % 4 ELSE ${base(g)} END]`;
/** The judge's verdict: the pair's category (both bad read as a tie), A and B swapped for 15%. */
const judgeWinner = (g: string) =>
  `(CASE WHEN ${base(g)} >= 2 THEN 'TIE' WHEN (${g} * 53) % 100 < 15 THEN (ARRAY['B', 'A'])[1 + ${base(g)}] ELSE (ARRAY['A', 'B'])[1 + ${base(g)}] END)`;
/** 2% of pairs have a failed judgment; 10% change their verdict when the order does. */
const judgeOutcome = (g: string) =>
  `(CASE WHEN (${g} * 37) % 100 < 2 THEN 'FAILED' WHEN (${g} * 37) % 100 < 12 THEN 'UNCERTAIN' ELSE 'AGREED' END)`;

/** Pair columns matching seedVotes(overlap) and seedJudgments, for seedPairs' pairColumns. */
export function reviewedPairColumns(overlap: number): Record<string, string> {
  return {
    voteCount: String(overlap),
    implicitLabel: `'A'::"PairLabel"`,
    judgeStatus: `${judgeOutcome("g")}::"JudgeStatus"`,
    judgeLabel: `(CASE WHEN ${judgeOutcome("g")} = 'AGREED' THEN ${judgeWinner("g")} END)::"PairLabel"`,
  };
}

/** `overlap` votes on each pair (distinct annotators from `userIds`), and an adjudication on 1%. */
export async function seedVotes(projectId: string, prefix: string, pairs: number, userIds: string[], overlap: number) {
  const voter = `($2::text[])[1 + (g + k * 7) % ${userIds.length}]`;
  if (userIds.length < overlap * 7 - 6)
    throw new Error(`seedVotes: ${userIds.length} annotators are too few for overlap ${overlap}`);
  await bulkInsert([
    [
      `
    INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "status", "leftIsA", "leasedUntil", "updatedAt")
    SELECT '${prefix}a' || g || '_' || k, $1, '${prefix}pair' || g, ${voter}, 'VOTED', (g + k) % 2 = 0, now(), now()
    FROM generate_series(1, ${pairs}) g, generate_series(0, ${overlap - 1}) k`,
      [projectId, userIds],
    ],
    [
      `
    INSERT INTO "Vote" ("id", "assignmentId", "projectId", "pairId", "userId", "choice", "leftIsA", "timeOnItemMs")
    SELECT '${prefix}v' || g || '_' || k, '${prefix}a' || g || '_' || k, $1, '${prefix}pair' || g, ${voter},
           ${voteChoice("g", "k")}::"VoteChoice", (g + k) % 2 = 0, 1000 + g % 5000
    FROM generate_series(1, ${pairs}) g, generate_series(0, ${overlap - 1}) k`,
      [projectId, userIds],
    ],
    [
      `
    INSERT INTO "Adjudication" ("pairId", "label", "reason", "userId")
    SELECT '${prefix}pair' || g, (${categories})[1 + ${base("g")}]::"VoteChoice", 'checked', $1
    FROM generate_series(100, ${pairs}, 100) g`,
      [userIds[0]],
    ],
  ]);
  // The replica role above also keeps the vote triggers from firing: tally the pairs as the
  // triggers would have, in one pass.
  await recountProjectTallies(projectId);
}

/** Both orders of every pair judged by `endpointId`, consistent with reviewedPairColumns. */
export async function seedJudgments(projectId: string, prefix: string, pairs: number, endpointId: string) {
  await bulkInsert([
    [
      `
    INSERT INTO "Judgment" ("id", "projectId", "pairId", "endpointId", "swapped", "status", "winner", "scoreA", "scoreB", "rawText")
    SELECT '${prefix}j' || g || '_' || s::int, $1, '${prefix}pair' || g, $2, s, o.status::"JudgmentStatus",
           (CASE WHEN o.status = 'FAILED' THEN NULL
                 WHEN ${judgeOutcome("g")} = 'UNCERTAIN' AND s THEN (CASE WHEN ${judgeWinner("g")} = 'A' THEN 'B' ELSE 'A' END)
                 ELSE ${judgeWinner("g")} END)::"PairLabel", 7, 5, '{}'
    FROM generate_series(1, ${pairs}) g, (VALUES (false), (true)) sw(s),
         LATERAL (SELECT CASE WHEN ${judgeOutcome("g")} = 'FAILED' AND s THEN 'FAILED' ELSE 'OK' END AS status) o`,
      [projectId, endpointId],
    ],
  ]);
  // As for the votes: the replica role kept the Judgment triggers off, so count their figures here.
  await recountJudgeFigures(projectId);
}
