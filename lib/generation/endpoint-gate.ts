import "server-only";
import { generationConfig } from "./config";
import { releaseSlot, takeRateToken, tryAcquireSlot } from "./limits";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A counting semaphore with a FIFO wait list. */
class Semaphore {
  private waiting: (() => void)[] = [];
  private held = 0;
  constructor(public limit: number) {}
  async acquire(): Promise<void> {
    if (this.held < this.limit) {
      this.held++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }
}

export interface Lease {
  release(): Promise<void>;
}

/**
 * Admits calls to an endpoint within its limits. Inside one process a semaphore queues callers
 * without touching the database; across processes the slot rows in PostgreSQL decide, and the
 * requests-per-minute row spaces out call starts.
 */
export class EndpointGate {
  private local = new Map<string, Semaphore>();
  constructor(private readonly holder: string) {}

  async acquire(endpointId: string, concurrency: number, requestsPerMinute: number | null): Promise<Lease> {
    let sem = this.local.get(endpointId);
    if (!sem) this.local.set(endpointId, (sem = new Semaphore(concurrency)));
    sem.limit = concurrency;
    await sem.acquire();
    let slot: number | null = null;
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
      const held = slot;
      let done = false;
      return {
        release: async () => {
          if (done) return;
          done = true;
          sem.release();
          await releaseSlot(endpointId, held, this.holder);
        },
      };
    } catch (err) {
      sem.release();
      if (slot !== null) await releaseSlot(endpointId, slot, this.holder).catch(() => {});
      throw err;
    }
  }
}
