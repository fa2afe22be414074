// Work a request starts and does not wait for (the dataset card written after an export's last
// byte, say). Tracked so that whoever is about to close the database can let it finish first:
// tests, before their database is dropped.

const running = new Set<Promise<unknown>>();

/** Runs `work` in the background; its failure is the caller's to handle (pass a caught promise). */
export function inBackground(work: Promise<unknown>): void {
  running.add(work);
  void work.finally(() => running.delete(work));
}

/** Resolves once the background work started so far has ended, however it ended. */
export async function backgroundSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}
