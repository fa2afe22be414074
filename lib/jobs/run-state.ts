import "server-only";
import { mayCall } from "./queue";

interface State {
  active: boolean;
  stoppedBy: string | null;
  loadedAt: number;
}

/**
 * Whether a task of a run may call its endpoint, read from the database at most every 250 ms
 * per (run, endpoint), yet never older than the task's own claim: a task claimed after "Retry
 * failed" or "Resume" sees the run as it is now. A fatal error seen by this process stops the
 * tasks it had already claimed at once, without waiting for the next read.
 */
export class RunStateCache {
  private states = new Map<string, Promise<State>>();
  private stops = new Map<string, { message: string; at: number }>();

  async get(
    runId: string,
    endpointId: string,
    claimedAt: number,
  ): Promise<{ active: boolean; stoppedBy: string | null }> {
    const key = `${runId}|${endpointId}`;
    let state = this.states.get(key);
    const current = state && (await state);
    if (!current || current.loadedAt < claimedAt || Date.now() - current.loadedAt > 250) {
      const loadedAt = Date.now();
      state = mayCall(runId, endpointId).then((s) => ({ ...s, loadedAt }));
      this.states.set(key, state);
      state.catch(() => this.states.delete(key));
    }
    const { active, stoppedBy } = await state!;
    const stop = this.stops.get(key);
    return { active, stoppedBy: stoppedBy ?? (stop && stop.at >= claimedAt ? stop.message : null) };
  }

  stop(runId: string, endpointId: string, message: string): void {
    this.stops.set(`${runId}|${endpointId}`, { message, at: Date.now() });
  }
}
