/**
 * Gathers items for `waitMs` (or until `max` arrive) and hands them to `flush` together, so many
 * tasks finishing close together store their results in one statement instead of one each. Each
 * `add` resolves (or rejects) when the flush holding its item has.
 */
export function batched<T>(flush: (items: T[]) => Promise<void>, { waitMs = 5, max = 100 } = {}) {
  let items: T[] = [];
  let settle: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | null = null;

  const run = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const [batch, waiting] = [items, settle];
    items = [];
    settle = [];
    flush(batch).then(
      () => waiting.forEach((w) => w.resolve()),
      (err) => waiting.forEach((w) => w.reject(err)),
    );
  };

  return (item: T): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      items.push(item);
      settle.push({ resolve, reject });
      if (items.length >= max) run();
      else timer ??= setTimeout(run, waitMs);
    });
}
