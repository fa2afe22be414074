/**
 * A v4 UUID for a vote. crypto.randomUUID exists only in secure contexts, and Pairwise is often
 * reached over plain http on a LAN address; getRandomValues works everywhere.
 */
export function newVoteId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  // Sixteen bytes were just filled, so indexes 6 and 8 exist.
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
