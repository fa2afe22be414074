import { EXCLUSION_REASONS, type ExclusionReason, type ExportCounts } from "./options";

// Counting while streaming: every pair passes the stream once, either as a row of the file or as
// its bucket only, so the counts are complete when the last byte has gone.

export type Bucket = "train" | "test" | ExclusionReason;

const BUCKETS = new Set<string>(["train", "test", ...EXCLUSION_REASONS]);

export class Tally {
  private readonly n = new Map<string, number>();

  add(bucket: string, by = 1): void {
    // A bucket the SQL cannot give means the statement and this code disagree: fail loudly.
    if (!BUCKETS.has(bucket)) throw new Error(`Unknown export bucket "${bucket}"`);
    this.n.set(bucket, (this.n.get(bucket) ?? 0) + by);
  }

  counts(): ExportCounts {
    const of = (b: string) => this.n.get(b) ?? 0;
    return {
      splits: { train: of("train"), test: of("test") },
      excluded: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, of(r)])) as ExportCounts["excluded"],
    };
  }
}

const NEWLINE = 0x0a;
const HASH = 0x23; // "#"
const BRACE = 0x7b; // "{"

/**
 * The file's bytes out of COPY's lines (see ./file-sql.ts): a JSON line is a row of
 * `plainBucket`; `#<bucket>` is counted and dropped; `#<bucket>{…}` is counted and its JSON kept.
 * Kept bytes are passed on as views of COPY's own buffers, without copying: only a line split
 * between two reads is joined (copying every read onto the end of the previous one's last line
 * doubled the bytes the garbage collector had to free, and the server's memory).
 */
export async function* fileLines(
  chunks: AsyncIterable<Buffer>,
  tally: Tally,
  plainBucket: Bucket,
): AsyncGenerator<Uint8Array> {
  let carry: Buffer[] = []; // the start of a line that continues in the next read
  let plain = 0;
  /** The complete lines of `chunk` as pieces to pass on; what follows its last newline is carried. */
  const lines = (chunk: Buffer): Buffer[] => {
    const out: Buffer[] = [];
    let line = 0; // start of the line being read
    let kept = 0; // start of the bytes not yet passed on
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, line)) {
      if (chunk[line] === HASH) {
        if (line > kept) out.push(chunk.subarray(kept, line));
        let end = line + 1;
        while (end < nl && chunk[end] !== BRACE) end++;
        tally.add(chunk.toString("latin1", line + 1, end));
        kept = end < nl ? end : nl + 1;
      } else if (nl === line) {
        // A NULL line: a row the SQL failed to turn into JSON. Never written as an empty record.
        throw new Error("The export produced an empty line");
      } else {
        plain++;
      }
      line = nl + 1;
    }
    if (line > kept) out.push(chunk.subarray(kept, line));
    if (line < chunk.length) carry.push(chunk.subarray(line));
    return out;
  };
  for await (const incoming of chunks) {
    let rest = incoming;
    if (carry.length) {
      const nl = incoming.indexOf(NEWLINE);
      if (nl === -1) {
        carry.push(incoming);
        continue;
      }
      const joined = Buffer.concat([...carry, incoming.subarray(0, nl + 1)]);
      carry = [];
      for (const piece of lines(joined)) yield piece;
      rest = incoming.subarray(nl + 1);
    }
    for (const piece of lines(rest)) yield piece;
  }
  if (carry.length) throw new Error("The export ended in the middle of a line");
  tally.add(plainBucket, plain);
}
