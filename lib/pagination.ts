import { z } from "zod";

// One rule for every paginated list of the API: `?limit=` sets the page's size, the answer's
// `nextCursor` (null on the last page) is passed back as `?cursor=` for the next page.
// Client-safe: no server imports.

/** `?limit=`: a page of `fallback` rows unless asked, never more than `max`. */
export const pageLimit = (fallback: number, max: number) =>
  z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, `limit must be between 1 and ${max}`)
    .max(max, `limit must be between 1 and ${max}`)
    .default(fallback);

/** A position in a list ordered newest first: the row's creation time in ms and its id. */
export interface TimeCursor {
  createdAt: Date;
  id: string;
}

/** The last millisecond of the year 9999: later times are valid in JS but not to the database client. */
const LAST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const timeCursorSchema = z
  .string()
  .refine(
    (s) => /^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/.test(s) && Number(s.slice(0, s.indexOf("."))) <= LAST_TIME,
    "cursor is not one this list gave out",
  )
  .transform((s): TimeCursor => {
    const dot = s.indexOf(".");
    return { createdAt: new Date(Number(s.slice(0, dot))), id: s.slice(dot + 1) };
  });

export function encodeTimeCursor(row: TimeCursor): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}

/** Prisma's condition for the rows after `cursor` in (createdAt desc, id desc) order. */
export function olderThan(cursor: TimeCursor | undefined) {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

/** A page of `limit` rows out of `limit + 1` read, and the cursor of the next page. */
export function pageOf<T extends TimeCursor>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeTimeCursor(last) : null };
}
