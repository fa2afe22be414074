// Chunking speed: 100 MB of generated articles cut by chunkText (sentence segmentation with
// Intl.Segmenter, the abbreviation merge pass, packing between the minimum and the maximum)
// against a plain split of the same text into slices of the maximum length, each ending at the
// nearest space. The plain split is what chunking would cost without knowing sentences; the
// ratio is the price of sentence-aligned chunks. Rounds alternate the two (CHUNKING_BENCH_ROUNDS,
// default 3) after a warm-up of each, and medians are compared. Needs no database:
// `npx tsx --conditions=react-server bench/chunking.bench.ts` runs it alone.
import { pathToFileURL } from "node:url";
import { chunkText, DEFAULT_CHUNK_SETTINGS, type TextChunk } from "@/lib/documents";
import { median, result, type BenchResult } from "./lib";

const TOTAL_BYTES = Number(process.env.CHUNKING_BENCH_MB ?? 100) * 1024 * 1024;
const ROUNDS = Number(process.env.CHUNKING_BENCH_ROUNDS ?? 3);
// Sentence-aligned chunking runs ICU's sentence segmentation, which the plain split does not:
// measured at 114 times the plain split's time on 20 MB and 151 times on 100 MB (medians of 3:
// 20.1 s against 0.13 s; Node 20.20, a 2-core machine under load, where the plain split's own
// time varied from 0.07 to 0.15 s). The plain split runs at memory speed, so the ratio is mostly
// ICU's cost. The target is set to catch what matters, a regression such as segmenting a whole
// long text at once (160 KB took 35 s that way, against a fraction of a second piece by piece),
// not to pretend the two do the same work.
const TARGET = "<= 200";

/** A seeded generator (mulberry32): the same text on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the a of to and in that it is was for on are with as his they be at one have this from or had by word but " +
  "what some we can out other were all there when up use your how said an each she which do their time if will " +
  "way about many then them write would like so these her long make thing see him two has look more day could go " +
  "come did number sound no most people my over know water than call first who may down side been now find model " +
  "training data preference answer question author chapter article method result evaluation dataset café naïve"
).split(" ");
const OPENERS = ["Dr. Smith", "Mr. Jones", "In 2023", "For example", "However", "The U.S. team", "Prof. Lee", "Today"];
const ASIDES = ["e.g. this one", "i.e. the second", "about 3.14 times more", "(see No. 5)", "as “they” said"];

function sentence(next: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const words = [pick(OPENERS)];
  const length = 6 + Math.floor(next() * 24);
  for (let i = 0; i < length; i++) words.push(next() < 0.05 ? pick(ASIDES) : pick(WORDS));
  const end = next();
  return `${words.join(" ")}${end < 0.85 ? "." : end < 0.95 ? "?" : "!"}`;
}

/** Articles of 5–60 KB: paragraphs of 2–8 sentences. */
function articles(totalBytes: number): string[] {
  const next = random(20261130);
  const docs: string[] = [];
  let total = 0;
  while (total < totalBytes) {
    const target = 5_000 + Math.floor(next() * 55_000);
    const paragraphs: string[] = [];
    let length = 0;
    while (length < target) {
      const count = 2 + Math.floor(next() * 7);
      const paragraph = Array.from({ length: count }, () => sentence(next)).join(" ");
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    const doc = paragraphs.join("\n\n");
    docs.push(doc);
    total += doc.length;
  }
  return docs;
}

/** The reference: slices of at most `max`, each ending at the last space before the limit. */
function plainSplit(text: string, max: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
    chunks.push({ index: chunks.length, text: text.slice(start, end), start, end });
    start = end + 1;
  }
  return chunks;
}

function time(docs: string[], cut: (text: string) => TextChunk[]): { seconds: number; chunks: number } {
  const started = performance.now();
  let chunks = 0;
  for (const doc of docs) chunks += cut(doc).length;
  return { seconds: (performance.now() - started) / 1000, chunks };
}

export async function runChunkingBench(): Promise<BenchResult[]> {
  const docs = articles(TOTAL_BYTES);
  const mb = docs.reduce((n, d) => n + d.length, 0) / 1024 / 1024;
  const settings = DEFAULT_CHUNK_SETTINGS;
  const ours = (text: string) => chunkText(text, settings);
  const plain = (text: string) => plainSplit(text, settings.maxChars);
  const warm = docs.slice(0, 50);
  time(warm, ours);
  time(warm, plain);
  const mine: number[] = [];
  const reference: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = time(docs, ours);
    const b = time(docs, plain);
    console.log(
      `  round ${round + 1}: chunkText ${a.seconds.toFixed(2)} s (${a.chunks} chunks, ${(mb / a.seconds).toFixed(1)} MB/s); plain split ${b.seconds.toFixed(2)} s (${b.chunks} chunks)`,
    );
    mine.push(a.seconds);
    reference.push(b.seconds);
  }
  console.log(
    `  ${docs.length} documents, ${mb.toFixed(1)} MB; medians of ${ROUNDS}: ${median(mine).toFixed(2)} s vs ${median(reference).toFixed(2)} s`,
  );
  return [result("chunking", median(mine) / median(reference), "ratio", 0, TARGET)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runChunkingBench().then(
    (results) => console.log(JSON.stringify(results, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
