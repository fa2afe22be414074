/**
 * Gathers items for `waitMs` (or until `max` arrive) and hands them to `flush` together, so many
 * tasks finishing close together store their results in one statement instead of one each. One
 * flush runs at a time: items arriving meanwhile go into the next one, which starts as soon as it
 * ends. Under load, flushes grow instead of queueing for database connections the calls' own
 * statements (claims, slots) need. Each `add` resolves (or rejects) when the flush holding its item has.
 */
export function batched<T>(flush: (items: T[]) => Promise<void>, { waitMs = 5, max = 100 } = {}) {
  type Entry = { item: T; resolve: () => void; reject: (err: unknown) => void };
  let queued: Entry[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing = false;

  const run = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (flushing || !queued.length) return;
    flushing = true;
    const batch = queued.slice(0, max);
    queued = queued.slice(max);
    Promise.resolve()
      .then(() => flush(batch.map((e) => e.item)))
      .then(
        () => batch.forEach((e) => e.resolve()),
        (err) => batch.forEach((e) => e.reject(err)),
      )
      .finally(() => {
        flushing = false;
        // What arrived meanwhile has already waited at least as long as a flush.
        run();
      });
  };

  return (item: T): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      if (flushing) return;
      if (queued.length >= max) run();
      else timer ??= setTimeout(run, waitMs);
    });
}
