import "server-only";
import type pg from "pg";
import { bulkPool } from "@/lib/bulk-db";
import { getServerEnv } from "@/lib/env";
import { BusyError } from "@/lib/errors";

// An export holds two connections of the hot paths' pool for as long as it streams: its read
// (one snapshot, one pass) and its stored file's writer (one COPY, committed at the end). Taken
// one after the other, a dozen exports at once each held a read and waited for a writer no one
// would free, the pool gone for good and annotation with it. So an export takes both together
// or none, and only a few run at once: the rest of the pool stays with annotation and imports.

/** Exports run at once per process: a fifth of the pool, at least one (two connections each). */
export const exportSlots = (poolMax: number) => Math.max(1, Math.floor(poolMax / 5));

/** How long an export waits for its turn before it is refused. */
export const EXPORT_WAIT_MS = 15_000;
/** What a refused export is told to wait before trying again. */
export const EXPORT_RETRY_AFTER_S = 30;

/** At most `slots` holders at once; the others wait in turn, each at most `waitMs`. */
export class ExportGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly slots: number,
    private readonly waitMs = EXPORT_WAIT_MS,
  ) {}

  /** Resolves with the slot's release once it is this caller's turn; refused (BusyError) past waitMs. */
  async enter(): Promise<() => void> {
    if (this.running < this.slots) this.running++;
    else {
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.queue.splice(this.queue.indexOf(turn), 1);
          reject(
            new BusyError(
              "exports_busy",
              `This server is already running ${this.slots} export${this.slots === 1 ? "" : "s"}, its most at once; try again in a minute`,
              EXPORT_RETRY_AFTER_S,
            ),
          );
        }, this.waitMs);
        this.queue.push(turn);
      });
    }
    let left = true;
    return () => {
      if (!left) return;
      left = false;
      // The slot passes straight to the next in line, if any.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    };
  }
}

const globalForGate = globalThis as unknown as { pairwiseExportGate?: ExportGate };

function gate(): ExportGate {
  globalForGate.pairwiseExportGate ??= new ExportGate(exportSlots(getServerEnv().DATABASE_POOL_MAX));
  return globalForGate.pairwiseExportGate;
}

/** A pool connection within `ms`, or null: one that comes later goes straight back. */
async function connectWithin(pool: pg.Pool, ms: number): Promise<pg.PoolClient | null> {
  let late = false;
  let timer: NodeJS.Timeout | undefined;
  const connecting = pool.connect().then((client) => {
    if (late) client.release();
    return client;
  });
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    const got = await Promise.race([connecting, timeout]);
    if (!got) late = true;
    return got;
  } finally {
    clearTimeout(timer);
  }
}

export interface ExportConnections {
  /** The export's read; its owner releases it (the engine, as its snapshot ends). */
  read: pg.PoolClient;
  /** The stored file's writer; its owner releases it (the chunk writer, at its commit or discard). */
  write: pg.PoolClient;
  /** Releases, discarding them, whichever of the two their owners have not; then frees the turn. */
  releaseRest(): void;
}

/**
 * An export's turn and its two connections, taken together: if the second does not come soon
 * (the pool busy elsewhere), the first goes back and both are asked for again, so an export never
 * holds one connection while it waits for another. The turn ends once both are released.
 */
export async function exportConnections(exportGate: ExportGate = gate()): Promise<ExportConnections> {
  const leave = await exportGate.enter();
  try {
    const pool = bulkPool();
    for (let attempt = 0; ; attempt++) {
      const read = await pool.connect();
      const write = await connectWithin(pool, 250 * Math.min(attempt + 1, 8));
      if (write) return withTurn(read, write, leave);
      read.release();
    }
  } catch (err) {
    leave();
    throw err;
  }
}

function withTurn(read: pg.PoolClient, write: pg.PoolClient, leave: () => void): ExportConnections {
  let held = 2;
  const track = (client: pg.PoolClient) => {
    const release = client.release.bind(client);
    let released = false;
    // Called here directly, not as client.release: once back in the pool, the client's next
    // holder has a release of its own there.
    const once = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      release(err);
      if (--held === 0) leave();
    };
    client.release = once;
    return () => once(true);
  };
  const rest = [track(read), track(write)];
  return { read, write, releaseRest: () => rest.forEach((r) => r()) };
}
