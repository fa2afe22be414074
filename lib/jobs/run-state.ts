import "server-only";
import { mayCall } from "./queue";

interface State {
  active: boolean;
  stoppedBy: string | null;
  /** When the read began (Date.now()): the state is at least this recent. */
  loadedAt: number;
}

/**
 * The oldest state a call may start on. A pause, a cancel or a stopped endpoint is announced by
 * NOTIFY and drops the state at once; this bound only matters when a notification is lost.
 */
const FRESH_MS = 2000;
/** A state this old is read again in the background, so a busy worker's calls never wait for the read. */
const REFRESH_MS = 250;

/**
 * Whether a task of a run may call its endpoint, kept per (run, endpoint). A call waits for a
 * read only when the state is older than the task's claim (a task claimed after "Retry failed"
 * or "Resume" sees the run as it is now), than the run's last change announced by NOTIFY, or
 * than FRESH_MS. The claim itself says how the run stood (`seen`), and while calls go on the
 * state is read again in the background every REFRESH_MS. (Reading it on each call's path held
 * every endpoint slot for a round trip after each claim.) A fatal error seen by this process
 * stops the tasks it had already claimed at once, without waiting for the next read.
 */
export class RunStateCache {
  private states = new Map<string, State>();
  /** When each run (or, under "", every run) was last announced changed. */
  private changed = new Map<string, number>();
  private loads = new Map<string, { startedAt: number; done: Promise<void> }>();
  private stops = new Map<string, { message: string; at: number }>();

  /** What a claim at `at` found: the run running, its endpoint stopped by `stoppedBy` or not. */
  seen(runId: string, endpointId: string, stoppedBy: string | null, at: number): void {
    this.put(`${runId}|${endpointId}`, { active: true, stoppedBy, loadedAt: at });
  }

  async get(
    runId: string,
    endpointId: string,
    claimedAt: number,
  ): Promise<{ active: boolean; stoppedBy: string | null }> {
    const key = `${runId}|${endpointId}`;
    const notBefore = Math.max(
      claimedAt,
      Date.now() - FRESH_MS,
      this.changed.get(runId) ?? 0,
      this.changed.get("") ?? 0,
    );
    const cached = this.states.get(key);
    if (!cached || cached.loadedAt < notBefore) await this.load(key, runId, endpointId, notBefore);
    else if (Date.now() - cached.loadedAt > REFRESH_MS) this.load(key, runId, endpointId, 0).catch(() => {});
    const state = this.states.get(key)!;
    const stop = this.stops.get(key);
    return { active: state.active, stoppedBy: state.stoppedBy ?? (stop && stop.at >= claimedAt ? stop.message : null) };
  }

  /** The run (null: any run) changed: its next call reads it again first. */
  invalidate(runId: string | null): void {
    this.changed.set(runId ?? "", Date.now());
    if (this.changed.size > 1000) this.changed.delete(this.changed.keys().next().value!);
  }

  stop(runId: string, endpointId: string, message: string): void {
    this.stops.set(`${runId}|${endpointId}`, { message, at: Date.now() });
  }

  private put(key: string, state: State): void {
    const current = this.states.get(key);
    if (!current || current.loadedAt <= state.loadedAt) this.states.set(key, state);
  }

  /** One read per key at a time; one begun before `notBefore` does not count as fresh enough. */
  private load(key: string, runId: string, endpointId: string, notBefore: number): Promise<void> {
    const running = this.loads.get(key);
    if (running && running.startedAt >= notBefore) return running.done;
    const startedAt = Date.now();
    const done = mayCall(runId, endpointId)
      .then((s) => this.put(key, { ...s, loadedAt: startedAt }))
      .finally(() => {
        if (this.loads.get(key)?.done === done) this.loads.delete(key);
      });
    this.loads.set(key, { startedAt, done });
    return done;
  }
}
