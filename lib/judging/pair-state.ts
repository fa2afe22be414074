import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// A pair's judge verdict and routing as stored, read a batch at a time: what re-routing after a
// settings change and re-settling after a panel change or a worker's death compare against.

export type PairState = {
  id: string;
  judgeStatus: string | null;
  judgeLabel: string | null;
  judgeConfidence: number | null;
  reviewReason: string | null;
};

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

const read = (client: Reader, where: Prisma.Sql, limit: Prisma.Sql = Prisma.empty) =>
  client.$queryRaw<PairState[]>`
    SELECT p."id", p."judgeStatus"::text AS "judgeStatus", p."judgeLabel"::text AS "judgeLabel",
           p."judgeConfidence", p."reviewReason"::text AS "reviewReason"
    FROM "Pair" p WHERE ${where} ${limit}`;

/** The states of the pairs with these ids. */
export const pairStates = (client: Reader, ids: string[]) => read(client, Prisma.sql`p."id" = ANY(${ids}::text[])`);

/** The states of the pairs `where` (a condition on "Pair" p) selects, `size` at a time, by id. */
export async function* pairStateBatches(client: Reader, where: Prisma.Sql, size: number): AsyncGenerator<PairState[]> {
  for (let after = ""; ;) {
    const pairs = await read(
      client,
      Prisma.sql`p."id" > ${after} AND (${where})`,
      Prisma.sql`ORDER BY p."id" LIMIT ${size}`,
    );
    if (!pairs.length) return;
    yield pairs;
    after = pairs[pairs.length - 1]!.id;
  }
}
