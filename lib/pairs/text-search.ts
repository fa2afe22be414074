import "server-only";
import { db } from "@/lib/db";
import { InvalidError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Full-text search over a project's prompts and answers, through the GIN indexes on
// to_tsvector('simple', text) (migrations pair_list_search, text_search_tags). The query is read as a web search
// ("two words", "an exact phrase", -excluded, or).
//
// Which plan is fast depends on how many texts match, which only a look at the index tells:
//  - few (a name, a rare word): gather the matching pairs from the indexes, then sort them;
//  - many (a word in every answer): gathering a million matches and sorting them takes seconds,
//    while walking the list in order and testing each row finds a page within a few hundred rows.
// Counting matches up to DENSE_AT settles it; the GIN scan for that is a few milliseconds.
const DENSE_AT = 20_000;

// Angle brackets read as spaces, on both sides: PostgreSQL's parser takes "<…>" for markup and
// leaves its words out ("<b>x</b>", "a<b and c>d", "List<String>"). The expression is the
// indexes' own (migration text_search_tags), or they would not be used.
const tsv = (col: Prisma.Sql) => Prisma.sql`to_tsvector('simple', translate(${col}, '<>', '  '))`;

export async function textSearchCondition(projectId: string, search: string): Promise<Prisma.Sql> {
  const query = Prisma.sql`websearch_to_tsquery('simple', translate(${search}, '<>', '  '))`;
  // A query with nothing to look for ("-word", "a OR -b") cannot use the indexes: each one
  // would read every text of the project (10 s on 40,000 pairs, and a few at once held the
  // database's connections). PostgreSQL's querytree gives a query's indexable part, T for none.
  const [{ tree }] = (await db.$queryRaw<{ tree: string }[]>`SELECT querytree(${query}) AS tree`) as [{ tree: string }];
  if (tree === "T") {
    const message = `The search ${JSON.stringify(search)} only excludes words: add a word to look for`;
    throw new InvalidError("search_excludes_only", message, [{ path: "q", message }]);
  }
  // One scan of each index (a frequent word's posting list is the cost of a search: 0.5 s on a
  // million pairs when each of the five uses of it scanned again), counted and joined from there.
  // A SELECT without FROM always returns its one row. The pairs are looked up by `= ANY(ARRAY(…))`,
  // not joined to the matches: the planner guesses thousands of matches for any text query, and
  // for a join of that many it read the whole Pair table three times (0.8 s on a million pairs for
  // a term found once); an array it takes for a few elements, and looks each one up in the index.
  const [{ n, ids }] = (await db.$queryRaw<{ n: number; ids: string[] | null }[]>`
    WITH pm AS MATERIALIZED (
      SELECT "id" FROM "Prompt" WHERE "projectId" = ${projectId} AND ${tsv(Prisma.sql`"text"`)} @@ ${query} LIMIT ${DENSE_AT}
    ), cm AS MATERIALIZED (
      SELECT "id" FROM "Candidate" WHERE "projectId" = ${projectId} AND ${tsv(Prisma.sql`"text"`)} @@ ${query} LIMIT ${DENSE_AT}
    ), n AS (SELECT (SELECT count(*) FROM pm) + (SELECT count(*) FROM cm) AS n)
    SELECT (SELECT n FROM n)::int AS n,
           CASE WHEN (SELECT n FROM n) >= ${DENSE_AT} THEN NULL ELSE ARRAY(
             SELECT p."id" FROM "Pair" p WHERE p."promptId" = ANY(ARRAY(SELECT "id" FROM pm))
             UNION SELECT p."id" FROM "Pair" p WHERE p."candidateAId" = ANY(ARRAY(SELECT "id" FROM cm))
             UNION SELECT p."id" FROM "Pair" p WHERE p."candidateBId" = ANY(ARRAY(SELECT "id" FROM cm))) END AS ids`) as [
    { n: number; ids: string[] | null },
  ];
  if (n >= DENSE_AT || !ids) {
    return Prisma.sql`(${tsv(Prisma.sql`pr."text"`)} @@ ${query} OR ${tsv(Prisma.sql`ca."text"`)} @@ ${query} OR ${tsv(Prisma.sql`cb."text"`)} @@ ${query})`;
  }
  // An array of ids rather than a subquery: the planner then knows how few they are and looks
  // each one up, instead of walking the whole list for them.
  return Prisma.sql`p."id" = ANY(${ids}::text[])`;
}
