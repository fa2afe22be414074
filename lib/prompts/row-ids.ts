import { randomFillSync } from "node:crypto";

// Imports insert rows with raw SQL, so ids are made here rather than by Prisma. They look like
// Prisma's cuids ("c" + 24 base-36 characters) but sort in the order they were made, so that
// ordering by (createdAt, id) keeps an imported file's rows in file order.

let lastTime = 0;
let counter = 0;
const COUNTER_SPACE = 36 ** 4;

const base36 = (n: number, width: number) => n.toString(36).padStart(width, "0");

// Random bytes are drawn 32 KiB at a time: one randomBytes(8) call per id made ids the slowest
// part of an import (2 s per 100,000 ids, against 0.1 s drawn from a pool).
const pool = Buffer.alloc(32 * 1024);
let poolAt = pool.length;

function randomPart(): string {
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const hi = pool.readUInt32BE(poolAt);
  const lo = pool.readUInt32BE(poolAt + 4);
  poolAt += 8;
  return base36(hi, 7).slice(-6) + base36(lo, 7).slice(-6);
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
