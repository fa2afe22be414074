import "server-only";
import { createPrismaClient, type Db } from "@/lib/db-client";
import { getServerEnv } from "@/lib/env";

// One client per process; in development it lives on globalThis so hot reloads do not open
// a new pool each time.
const globalForDb = globalThis as unknown as { pairwiseDb?: Db };

function getDb(): Db {
  globalForDb.pairwiseDb ??= createPrismaClient(getServerEnv().DATABASE_URL);
  return globalForDb.pairwiseDb;
}

// Created on first use, so importing this module (during `next build`, say) needs no database.
export const db: Db = new Proxy({} as Db, {
  get: (_target, prop) => Reflect.get(getDb(), prop, getDb()),
});
