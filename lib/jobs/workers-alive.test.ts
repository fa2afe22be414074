import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { getServerEnv } from "@/lib/env";
import { WORKER_APPLICATION_NAME } from "./config";
import { listenForWork } from "./wake";
import { workerPresence } from "./workers-alive";

// A worker is known by its LISTEN connection; one that is suspended or stuck keeps it open, and
// is told from a live one by the pings a live one sends on it.

// Wide enough that a test process slowed by the others running beside it (its timers late by a
// second) still pings in time.
const SILENT_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A session named as a worker's, which does nothing after connecting: a suspended worker's. */
async function suspendedWorker() {
  const c = new pg.Client({ connectionString: getServerEnv().DATABASE_URL, application_name: WORKER_APPLICATION_NAME });
  await c.connect();
  closers.push(() => c.end());
  return c;
}

/** Waits, within a bound, for the presence PostgreSQL lists to be what `want` accepts. */
async function presence(want: (p: { answering: number; silent: number }) => boolean) {
  for (let i = 0; i < 100; i++) {
    const p = await workerPresence(SILENT_MS);
    if (want(p)) return p;
    await sleep(50);
  }
  return workerPresence(SILENT_MS);
}

describe("the workers a running run can count on", () => {
  it("counts a connected worker that stopped answering as silent, and as answering once it does again", async () => {
    const c = await suspendedWorker();
    expect(await workerPresence(SILENT_MS)).toMatchObject({ answering: 1, silent: 0 });
    await sleep(SILENT_MS * 1.5);
    expect(await workerPresence(SILENT_MS)).toMatchObject({ answering: 0, silent: 1, silentAfterSeconds: 2 });
    await c.query("SELECT");
    expect(await workerPresence(SILENT_MS)).toMatchObject({ answering: 1, silent: 0 });
  });

  it("keeps a listening worker answering: it pings its connection while it waits for work", async () => {
    const listener = listenForWork(
      () => {},
      () => {},
      () => {},
      { pingMs: SILENT_MS / 4 },
    );
    closers.push(() => listener.close());
    expect(await presence((p) => p.answering === 1)).toMatchObject({ answering: 1, silent: 0 });
    // Three silent periods with no work at all: the pings alone keep it answering.
    for (let i = 0; i < 6; i++) {
      await sleep(SILENT_MS / 2);
      expect(await workerPresence(SILENT_MS)).toMatchObject({ answering: 1, silent: 0 });
    }
    await listener.close();
    expect(await presence((p) => p.answering + p.silent === 0)).toMatchObject({ answering: 0, silent: 0 });
  });
});
