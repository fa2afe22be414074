import "server-only";
import { generationConfig } from "./config";
import { releaseSlot, takeRateToken, tryAcquireSlot } from "./limits";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Lease {
  release(): Promise<void>;
}

/** One endpoint's admission inside this process: the slots it holds and who waits for one. */
class EndpointQueue {
  active = 0;
  waiting: ((slot: number | null) => void)[] = [];
  constructor(public limit: number) {}
}

/**
 * Admits calls to an endpoint within its limits. Across processes the slot rows in PostgreSQL
 * decide; inside one process a caller queues without touching the database, and a slot that
 * is released while another caller waits is handed to it directly (no release and re-lease).
 * The requests-per-minute row spaces out call starts.
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

  async acquire(endpointId: string, concurrency: number, requestsPerMinute: number | null): Promise<Lease> {
    const q = this.queue(endpointId, concurrency);
    let slot: number | null;
    if (q.active < q.limit) {
      q.active++;
      slot = null;
    } else {
      slot = await new Promise<number | null>((resolve) => q.waiting.push(resolve));
    }
    try {
      for (let wait = 10; slot === null; wait = Math.min(wait * 2, 250)) {
        slot = await tryAcquireSlot(endpointId, this.holder, generationConfig.leaseSeconds);
        if (slot === null) await sleep(wait); // other processes hold every slot
      }
      if (requestsPerMinute) {
        for (let ms = await takeRateToken(endpointId, requestsPerMinute); ms > 0; ms = await takeRateToken(endpointId, requestsPerMinute)) {
          await sleep(ms);
        }
      }
    } catch (err) {
      await this.release(endpointId, q, slot);
      throw err;
    }
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

  private async release(endpointId: string, q: EndpointQueue, slot: number | null): Promise<void> {
    const next = q.waiting.shift();
    if (next) return next(slot); // the waiter takes over this caller's place and slot
    q.active--;
    if (slot !== null) await releaseSlot(endpointId, slot, this.holder);
  }
}
