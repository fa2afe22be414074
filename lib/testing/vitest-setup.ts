import { afterAll, inject } from "vitest";
import { createDatabase, dropDatabase, uniqueName } from "./test-database";

// Every test file runs on its own fresh, migrated database: no test sees another file's rows.
const serverUrl = inject("testServerUrl");
const name = uniqueName("pairwise_test");
process.env.DATABASE_URL = await createDatabase(serverUrl, name, inject("templateDatabase"));
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.APP_SECRET ??= "test-app-secret-test-app-secret-012345678";

afterAll(async () => {
  // A dataset card still being written after its export's test ended would meet a closed pool.
  await (await import("@/lib/background")).backgroundSettled();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await (await import("@/lib/bulk-db")).closeBulkPool();
  await dropDatabase(serverUrl, name);
});
