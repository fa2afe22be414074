import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// Full-text search over a project's prompts and answers, through the GIN indexes on
// to_tsvector('simple', text) (migration pair_list_search). The query is read as a web search
// ("two words", "an exact phrase", -excluded, or).
//
// Which plan is fast depends on how many texts match, which only a look at the index tells:
//  - few (a name, a rare word): gather the matching pairs from the indexes, then sort them;
//  - many (a word in every answer): gathering a million matches and sorting them takes seconds,
//    while walking the list in order and testing each row finds a page within a few hundred rows.
// Counting matches up to DENSE_AT settles it; the GIN scan for that is a few milliseconds.
const DENSE_AT = 20_000;

const tsv = (col: Prisma.Sql) => Prisma.sql`to_tsvector('simple', ${col})`;

export async function textSearchCondition(projectId: string, search: string): Promise<Prisma.Sql> {
  const query = Prisma.sql`websearch_to_tsquery('simple', ${search})`;
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "Prompt" WHERE "projectId" = ${projectId} AND ${tsv(Prisma.sql`"text"`)} @@ ${query}
      UNION ALL
      SELECT 1 FROM "Candidate" WHERE "projectId" = ${projectId} AND ${tsv(Prisma.sql`"text"`)} @@ ${query}
      LIMIT ${DENSE_AT}) m`;
  if (n! >= DENSE_AT) {
    return Prisma.sql`(${tsv(Prisma.sql`pr."text"`)} @@ ${query} OR ${tsv(Prisma.sql`ca."text"`)} @@ ${query} OR ${tsv(Prisma.sql`cb."text"`)} @@ ${query})`;
  }
  // An array of ids rather than a subquery: the planner then knows how few they are and looks
  // each one up, instead of walking the whole list for them.
  const hits = await db.$queryRaw<{ id: string }[]>`
    SELECT p."id" FROM "Prompt" t JOIN "Pair" p ON p."promptId" = t."id"
      WHERE t."projectId" = ${projectId} AND ${tsv(Prisma.sql`t."text"`)} @@ ${query}
    UNION
    SELECT p."id" FROM "Candidate" t JOIN "Pair" p ON p."candidateAId" = t."id"
      WHERE t."projectId" = ${projectId} AND ${tsv(Prisma.sql`t."text"`)} @@ ${query}
    UNION
    SELECT p."id" FROM "Candidate" t JOIN "Pair" p ON p."candidateBId" = t."id"
      WHERE t."projectId" = ${projectId} AND ${tsv(Prisma.sql`t."text"`)} @@ ${query}`;
  return Prisma.sql`p."id" = ANY(${hits.map((h) => h.id)}::text[])`;
}
