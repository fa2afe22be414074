// Errors that say the database cannot be reached, as Prisma, its driver adapter, pg and Node
// report them: shared by the API (503) and the sign-in route, which next-auth answers itself.

// The database cannot be reached: refused, gone, or stopping (PostgreSQL stops taking sessions
// while it shuts down or starts). Prisma's codes, its driver adapter's kinds, and pg's and
// Node's own codes, as each layer reports it.
const UNREACHABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1017",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

/** The error says the database cannot be reached (a 503 to the caller, not a 500). */
export function databaseUnreachable(err: unknown): boolean {
  const e = err as { code?: string; meta?: unknown; cause?: unknown };
  const adapter = (e?.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } })
    ?.driverAdapterError?.cause;
  return (
    UNREACHABLE_CODES.has(e?.code ?? "") ||
    UNREACHABLE_KINDS.has(adapter?.kind ?? "") ||
    UNREACHABLE_CODES.has(adapter?.originalCode ?? "") ||
    (e?.cause !== undefined && e.cause !== err && databaseUnreachable(e.cause))
  );
}
