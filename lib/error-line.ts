/**
 * An error as one log line. Prisma's messages begin "Invalid `prisma.$queryRaw()` invocation:" (or
 * "Invalid `tx.docItem.count()` invocation in", named after the transaction's client) and give the
 * cause on their last line ("Can't reach database server at …"); other errors say it on their
 * first. A database outage logs many of these: each must say what happened in one line.
 */
export function errorLine(err: unknown): string {
  const lines = String(err instanceof Error ? err.message : err)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const first = lines[0] ?? "";
  return /^Invalid `[^`]+` invocation/.test(first) ? (lines.at(-1) ?? first) : first;
}
