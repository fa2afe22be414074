import type pg from "pg";

/**
 * Waits until at least `count` statements of this database wait on a lock (or `done()` says to
 * stop), asking through `client`: lets a test hold a lock in one session and step in exactly
 * when another statement has reached it.
 */
export async function waitForLockWaiters(client: pg.Client, count = 1, done = () => false): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) {
    // Inside a transaction, activity statistics are a snapshot unless cleared.
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (rows[0]!.n >= count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!done()) throw new Error(`expected ${count} statements waiting on a lock`);
}
