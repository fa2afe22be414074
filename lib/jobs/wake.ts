import "server-only";
import pg from "pg";
import { getServerEnv } from "@/lib/env";
import { jobsConfig, RUN_STATE_CHANNEL, WORK_CHANNEL, WORKER_APPLICATION_NAME } from "./config";
import { errorLine } from "@/lib/error-line";

/**
 * A latch the worker waits on when it has nothing to claim: set by a NOTIFY, a finished task or
 * the poll timer. A signal while nobody waits is kept, so a NOTIFY sent during a claim is not lost.
 */
export class WakeSignal {
  private pending = false;
  private waiter: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async wait(timeoutMs?: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        const timer = timeoutMs === undefined ? null : setTimeout(() => this.wake(), timeoutMs);
        this.waiter = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
    }
    this.pending = false;
  }
}

/**
 * LISTENs for work on a connection of its own (a pooled connection cannot keep a LISTEN), calling
 * `onWork` on each notification, and `onRunChanged` with the run's id when calls of a run must be
 * checked again (with null once the connection is back: anything may have changed meanwhile). A
 * dropped connection is opened again after a pause; meanwhile the worker's poll finds the work.
 *
 * Every `pingMs` the connection runs an empty statement: PostgreSQL records when each session
 * last did something, so a worker that stops answering with its connection still open (suspended,
 * or its event loop stuck) is told from a live one (./workers-alive.ts). A ping that fails, as on
 * a connection the server has dropped, opens it again.
 */
export function listenForWork(
  onWork: () => void,
  log: (msg: string) => void,
  onRunChanged: (runId: string | null) => void = () => {},
  { pingMs = jobsConfig.heartbeatMs }: { pingMs?: number } = {},
): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  // Connections past their LISTEN statements: only those are pinged (one still opening has its own
  // statements under way).
  const listening = new WeakSet<pg.Client>();
  const ping = setInterval(() => {
    const c = client;
    if (c && listening.has(c)) c.query("SELECT").catch(() => reconnect(c));
  }, pingMs);
  ping.unref();
  // Failed connections in a row: the pause before the next grows, and only the first is logged
  // (a database down for a minute wrote a line a second).
  let failures = 0;

  const connect = async () => {
    const c = new pg.Client({
      connectionString: getServerEnv().DATABASE_URL,
      application_name: WORKER_APPLICATION_NAME,
    });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === WORK_CHANNEL) onWork();
      else if (n.channel === RUN_STATE_CHANNEL && n.payload) onRunChanged(n.payload);
    });
    c.on("error", (err) => {
      log(`listen connection lost: ${errorLine(err)}`);
      reconnect(c);
    });
    c.on("end", () => reconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${WORK_CHANNEL}`);
      await c.query(`LISTEN ${RUN_STATE_CHANNEL}`);
      listening.add(c);
      if (failures) log(`listening again after ${failures} failed attempt${failures === 1 ? "" : "s"}`);
      failures = 0;
      if (closed) await c.end();
      else {
        // Anything queued while this connection was down is claimed now rather than at the next poll.
        onRunChanged(null);
        onWork();
      }
    } catch (err) {
      if (failures++ === 0) log(`listen failed: ${errorLine(err)} (trying again, less and less often)`);
      reconnect(c);
    }
  };
  const reconnect = (c: pg.Client) => {
    if (closed || client !== c || retry) return;
    client = null;
    c.end().catch(() => {});
    retry = setTimeout(
      () => {
        retry = null;
        void connect();
      },
      Math.min(1000 * 2 ** Math.min(failures, 4), 15_000),
    );
    retry.unref();
  };
  void connect();

  return {
    async close() {
      closed = true;
      clearInterval(ping);
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
