import { randomBytes } from "node:crypto";

// Imports insert rows with raw SQL, so ids are made here rather than by Prisma. They look like
// Prisma's cuids ("c" + 24 base-36 characters) but sort in the order they were made, so that
// ordering by (createdAt, id) keeps an imported file's rows in file order.

let lastTime = 0;
let counter = 0;
const COUNTER_SPACE = 36 ** 4;

const base36 = (n: number, width: number) => n.toString(36).padStart(width, "0");

function randomPart(): string {
  const bytes = randomBytes(8);
  return base36(bytes.readUInt32BE(0), 7).slice(-6) + base36(bytes.readUInt32BE(4), 7).slice(-6);
}

/** A new id, greater than every id this process made before. */
export function sortableId(): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    counter = 0;
  } else if (++counter === COUNTER_SPACE) {
    // More ids in one millisecond than the counter holds: borrow the next millisecond.
    lastTime++;
    counter = 0;
  }
  return `c${base36(lastTime, 8)}${base36(counter, 4)}${randomPart()}`;
}
