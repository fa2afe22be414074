import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { startWorker } from "@/lib/jobs/worker";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { startDocumentRun } from "./start";
import { documentProject } from "./test-helpers";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(async () => {
  await server.close();
});

it("stores a chunk's reply again when the database refused it, without asking the model twice", async () => {
  const { project, admin, generator } = await documentProject(server, { documents: 1 });
  // The database refuses the first two stores of items (a sequence is not rolled back with them).
  await db.$executeRawUnsafe(`CREATE SEQUENCE refused_stores`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_first_stores() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('refused_stores') <= 2 THEN RAISE EXCEPTION 'the database refused the store'; END IF;
      RETURN NULL;
    END $$`);
  await db.$executeRawUnsafe(`
    CREATE TRIGGER refuse_first_stores AFTER INSERT ON "DocItem"
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_first_stores()`);
  const worker = await startWorker({ concurrency: 4 });
  try {
    server.resetStats();
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "INSTRUCTIONS",
      generatorEndpointId: generator.id,
    });
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    const chunks = await db.task.count({ where: { runId: run.id } });
    expect(await db.docItem.count({ where: { runId: run.id } })).toBe(chunks * 3);
    const [refused] = await db.$queryRaw<{ n: bigint }[]>`SELECT last_value AS n FROM refused_stores`;
    expect(Number(refused!.n)).toBeGreaterThan(2); // the refusals happened
    expect(server.stats().completions).toBe(chunks); // one call per chunk, none repeated
  } finally {
    await worker.stop(2000);
    await db.$executeRawUnsafe(`DROP TRIGGER refuse_first_stores ON "DocItem"`);
  }
}, 90_000);
