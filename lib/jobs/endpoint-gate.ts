import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { jobsConfig } from "./config";
import { releaseSlot, takeRateToken, tryAcquireSlots } from "./limits";

/**
 * How long a slot nobody here waits for stays with this process before going back to the
 * table. Calls of one worker follow each other within milliseconds (the next task's call starts
 * as soon as a store or a claim returns); giving each slot back between them cost two database
 * round trips per call. Another process waits at most this long for it.
 */
const IDLE_SLOT_MS = 50;

export interface Lease {
  release(): Promise<void>;
}

/** One endpoint's admission inside this process: the slots it holds and who waits for one. */
class EndpointQueue {
  active = 0;
  waiting: ((slot: number | null) => void)[] = [];
  /** Slots held from the table but not in use, with the timer that gives each back. */
  idle: { slot: number; timer: NodeJS.Timeout }[] = [];
  /** Slots held from the table by callers here now. */
  using = new Set<number>();
  /** Admitted callers still without a slot row, served together by one statement at a time. */
  needing: { resolve: (slot: number) => void; reject: (err: unknown) => void }[] = [];
  leasing = false;
  constructor(public limit: number) {}
}

/**
 * Admits calls to an endpoint within its limits. Across processes the slot rows in PostgreSQL
 * decide; inside one process a caller queues without touching the database, a slot released
 * while another caller waits is handed to it directly, and one released while nobody waits is
 * kept for a moment for the next caller. The requests-per-minute row spaces out call starts.
 */
export class EndpointGate {
  private queues = new Map<string, EndpointQueue>();
  constructor(private readonly holder: string) {}

  private queue(endpointId: string, limit: number): EndpointQueue {
    let q = this.queues.get(endpointId);
    if (!q) this.queues.set(endpointId, (q = new EndpointQueue(limit)));
    q.limit = limit;
    return q;
  }

  /**
   * Waits for a place and a slot of the endpoint. `first` puts the caller at the head of this
   * process's queue: a retry, whose task has waited out its back-off already and is the run's
   * oldest work, goes before tasks that have not called yet, so it does not lengthen the tail.
   * When `signal` aborts (the worker is stopping), a caller still waiting stops waiting and the
   * promise rejects with the signal's reason, its place going to the next caller.
   */
  async acquire(
    endpointId: string,
    concurrency: number,
    requestsPerMinute: number | null,
    { first = false, signal }: { first?: boolean; signal?: AbortSignal } = {},
  ): Promise<Lease> {
    signal?.throwIfAborted();
    const q = this.queue(endpointId, concurrency);
    let slot: number | null;
    if (q.active < q.limit) {
      q.active++;
      const kept = q.idle.pop();
      if (kept) clearTimeout(kept.timer);
      slot = kept?.slot ?? null;
    } else {
      slot = await waitInLine(q.waiting, first, signal);
    }
    try {
      slot ??= await this.leaseSlot(endpointId, q, signal);
      if (requestsPerMinute) {
        for (
          let ms = await takeRateToken(endpointId, requestsPerMinute);
          ms > 0;
          ms = await takeRateToken(endpointId, requestsPerMinute)
        ) {
          await sleep(ms, undefined, { signal });
        }
      }
      signal?.throwIfAborted();
    } catch (err) {
      await this.release(endpointId, q, slot);
      throw err;
    }
    q.using.add(slot);
    const held = slot;
    let done = false;
    return {
      release: async () => {
        if (done) return;
        done = true;
        await this.release(endpointId, q, held);
      },
    };
  }

  /**
   * A slot row for an admitted caller. Callers needing one at the same moment (a worker starting
   * its calls) are served by one statement for all of them rather than a statement each; when
   * other processes hold every slot, it asks again with a growing pause.
   */
  private leaseSlot(endpointId: string, q: EndpointQueue, signal?: AbortSignal): Promise<number> {
    const got = new Promise<number>((resolve, reject) => {
      const entry = {
        resolve: (slot: number) => {
          signal?.removeEventListener("abort", leave);
          resolve(slot);
        },
        reject: (err: unknown) => {
          signal?.removeEventListener("abort", leave);
          reject(err);
        },
      };
      const leave = () => {
        const at = q.needing.indexOf(entry);
        if (at >= 0) q.needing.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", leave, { once: true });
      q.needing.push(entry);
    });
    if (!q.leasing) {
      q.leasing = true;
      void (async () => {
        try {
          for (let wait = 10; q.needing.length;) {
            const slots = await tryAcquireSlots(endpointId, this.holder, jobsConfig.leaseSeconds, q.needing.length);
            for (const slot of slots) {
              const caller = q.needing.shift();
              // Its caller stopped waiting while the statement ran: the row goes back to the table.
              if (caller) caller.resolve(slot);
              else await releaseSlot(endpointId, slot, this.holder).catch(() => {});
            }
            if (!q.needing.length) break;
            if (slots.length) wait = 10;
            else {
              await sleep(wait); // other processes hold every slot
              wait = Math.min(wait * 2, 250);
            }
          }
        } catch (err) {
          for (const n of q.needing.splice(0)) n.reject(err);
        } finally {
          q.leasing = false;
        }
      })();
    }
    return got;
  }

  /**
   * Gives a caller's place (and slot) to the next caller, or back. Never fails: a slot the table
   * could not take back (the database unreachable for a moment) is forgotten here, so the
   * heartbeat stops renewing it and its lease runs out, freeing it for any worker.
   */
  private async release(endpointId: string, q: EndpointQueue, slot: number | null): Promise<void> {
    if (slot !== null) q.using.delete(slot);
    const next = q.waiting.shift();
    if (next) return next(slot); // the waiter takes over this caller's place and slot
    q.active--;
    if (slot === null) return;
    // A lowered limit gives the extra slots back at once.
    if (q.active + q.idle.length >= q.limit) return releaseSlot(endpointId, slot, this.holder).catch(() => {});
    const entry = {
      slot,
      timer: setTimeout(() => {
        q.idle = q.idle.filter((e) => e !== entry);
        void releaseSlot(endpointId, slot, this.holder).catch(() => {}); // else its lease runs out
      }, IDLE_SLOT_MS),
    };
    entry.timer.unref();
    q.idle.push(entry);
  }

  /** The slots this process holds from the table, in use or kept idle: those its heartbeat renews. */
  held(): { endpointId: string; slot: number }[] {
    return [...this.queues.entries()].flatMap(([endpointId, q]) =>
      [...q.using, ...q.idle.map((e) => e.slot)].map((slot) => ({ endpointId, slot })),
    );
  }

  /** Gives every idle slot back now (the worker is stopping). */
  async close(): Promise<void> {
    const all = [...this.queues.entries()].flatMap(([endpointId, q]) =>
      q.idle.splice(0).map((e) => ({ endpointId, ...e })),
    );
    for (const e of all) clearTimeout(e.timer);
    await Promise.all(all.map((e) => releaseSlot(e.endpointId, e.slot, this.holder).catch(() => {})));
  }
}

/**
 * Waits in an endpoint's line for a place (and the slot that comes with it, if any). An aborted
 * `signal` takes the caller out of the line: it held no place yet, so nobody else is affected.
 */
function waitInLine(
  line: ((slot: number | null) => void)[],
  first: boolean,
  signal?: AbortSignal,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const take = (slot: number | null) => {
      signal?.removeEventListener("abort", leave);
      resolve(slot);
    };
    const leave = () => {
      const at = line.indexOf(take);
      if (at >= 0) line.splice(at, 1);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", leave, { once: true });
    if (first) line.unshift(take);
    else line.push(take);
  });
}
