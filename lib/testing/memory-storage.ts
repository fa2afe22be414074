/** sessionStorage's behaviour in memory, for tests; `full` refuses every write, as a full quota does. */
export function memoryStorage({ full = false } = {}): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => {
      if (full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      m.set(k, String(v));
    },
  };
}
