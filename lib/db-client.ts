import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** A Prisma client over node-postgres (no native engine). Secret columns are omitted unless asked for. */
export function createPrismaClient(connectionString: string) {
  return new PrismaClient({
    // Workers keep many calls in flight and each touches the database around its call.
    adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_MAX) || 10 }),
    omit: { user: { passwordHash: true }, modelEndpoint: { apiKeyCiphertext: true } },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
