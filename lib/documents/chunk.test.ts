import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { characterCount } from "./characters";
import { chunkText } from "./chunk";
import { splitSentences } from "./sentences";
import type { ChunkSettings } from "./settings";

const settings = (over: Partial<ChunkSettings> = {}): ChunkSettings => ({
  minChars: 100,
  maxChars: 200,
  overlapSentences: 0,
  shortDocuments: "KEEP",
  ...over,
});

// 40 sentences of 40–49 characters, each naming its number.
const sentence = (i: number) => `Sentence ${String(i).padStart(2, "0")} is about Dr. Smith${" and".repeat(i % 3)}.`;
const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(" ");

describe("chunkText", () => {
  it("packs whole sentences into chunks between the minimum and the maximum", () => {
    const chunks = chunkText(text, settings());
    expect(chunks.length).toBeGreaterThan(5);
    const sentences = new Set(splitSentences(text));
    for (const c of chunks) {
      expect(c.text.length).toBeGreaterThanOrEqual(100);
      expect(c.text.length).toBeLessThanOrEqual(200);
      // Every chunk is whole sentences: "Dr." never ends one.
      for (const s of splitSentences(c.text)) expect(sentences.has(s)).toBe(true);
    }
    // Without overlap, every sentence is in exactly one chunk, in order.
    expect(chunks.map((c) => c.text).join(" ")).toBe(text);
  });

  it("repeats the last sentences of a chunk at the start of the next with overlap", () => {
    const chunks = chunkText(text, settings({ overlapSentences: 2 }));
    for (let k = 1; k < chunks.length; k++) {
      const before = splitSentences(chunks[k - 1]!.text);
      const now = splitSentences(chunks[k]!.text);
      expect(now.slice(0, 2)).toEqual(before.slice(-2));
      expect(now.length).toBeGreaterThan(2);
    }
    expect(chunks.at(-1)!.text.endsWith(sentence(39))).toBe(true);
  });

  it("cuts a sentence longer than the maximum at word boundaries", () => {
    const long = `${Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ")}.`;
    const chunks = chunkText(`Short start. ${long} Short end.`, settings({ minChars: 20, maxChars: 50 }));
    const words = new Set(long.slice(0, -1).split(" "));
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(50);
      for (const w of c.text.split(" ").map((w) => w.replace(/\.$/, ""))) {
        if (!["Short", "start", "end"].includes(w)) expect(words.has(w)).toBe(true);
      }
    }
    expect(chunks.map((c) => c.text).join(" ")).toBe(`Short start. ${long} Short end.`);
  });

  it("cuts a single word longer than the maximum at the maximum", () => {
    const word = "x".repeat(45);
    const chunks = chunkText(`Start here. ${word} end.`, settings({ minChars: 5, maxChars: 20 }));
    expect(chunks.map((c) => c.text)).toEqual(["Start here.", "x".repeat(20), "x".repeat(20), "xxxxx end."]);
  });

  it("counts an emoji as one character of the limits, and never cuts one in two", () => {
    // 😀 is one character (one code point) and two UTF-16 units.
    const word = "😀".repeat(45);
    const cut = chunkText(`Start here. ${word} end.`, settings({ minChars: 5, maxChars: 20 }));
    expect(cut.map((c) => c.text)).toEqual(["Start here.", "😀".repeat(20), "😀".repeat(20), "😀😀😀😀😀 end."]);

    // Sentences of 30 characters (40 units): two fit in a chunk of at most 70, as the page counts.
    const emoji = (i: number) => `Sentence ${i} has 😀😀😀😀😀😀😀😀😀😀${"x".repeat(4)}.`;
    const text = Array.from({ length: 6 }, (_, i) => emoji(i)).join(" ");
    expect(characterCount(emoji(0))).toBe(30);
    const packed = chunkText(text, settings({ minChars: 50, maxChars: 70 }));
    expect(packed.map((c) => characterCount(c.text))).toEqual([61, 61, 61]);

    // 75 characters (105 units) is shorter than a minimum of 100.
    const short = `Emoji ${"😀".repeat(30)} then some words to make it longer, ok.`;
    expect(characterCount(short)).toBe(75);
    expect(short.length).toBe(105);
    expect(chunkText(short, settings({ minChars: 100, maxChars: 200, shortDocuments: "DROP" }))).toEqual([]);
  });

  it("keeps a document shorter than the minimum whole, or drops it", () => {
    const short = "Only two sentences. That is all.";
    expect(chunkText(short, settings({ shortDocuments: "KEEP" }))).toEqual([
      { index: 0, text: short, start: 0, end: short.length },
    ]);
    expect(chunkText(short, settings({ shortDocuments: "DROP" }))).toEqual([]);
    expect(chunkText("  \n\n ", settings())).toEqual([]);
  });

  it("gives a last chunk shorter than the minimum sentences from the one before", () => {
    // 5 sentences of 40: greedy packing would leave 4 + 1; the last takes one back.
    const five = Array.from({ length: 5 }, (_, i) => `This is the sentence number ${i} of five.`).join(" ");
    const chunks = chunkText(five, settings({ minChars: 80, maxChars: 170 }));
    expect(chunks.map((c) => splitSentences(c.text).length)).toEqual([3, 2]);
  });

  it("is deterministic and maps every chunk back into the text (property)", () => {
    const pool = [
      "Dr. Smith went home.",
      "It cost 3.14 dollars, e.g. a lot.",
      "「これは文です。」",
      "Das ist z. B. gut.",
      "“Really?” she asked.",
      "A very long sentence with many words that goes on and on without an end in sight for a while",
      "x".repeat(70),
      "\n\n",
      "\n",
      "   ",
      "Émile a dit « oui » !",
      "😀 emoji 😀.",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pool), { maxLength: 60 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom("KEEP" as const, "DROP" as const),
        (parts, min, extra, overlapSentences, shortDocuments) => {
          const source = parts.join(" ");
          const s = { minChars: min, maxChars: min + extra, overlapSentences, shortDocuments };
          const chunks = chunkText(source, s);
          expect(chunkText(source, s)).toEqual(chunks);
          chunks.forEach((c, i) => {
            expect(c.index).toBe(i);
            expect(source.slice(c.start, c.end)).toBe(c.text);
            expect(c.text.trim()).toBe(c.text);
            expect(c.text.length).toBeGreaterThan(0);
            expect(c.text.isWellFormed()).toBe(true);
            if (chunks.length > 1) expect(characterCount(c.text)).toBeLessThanOrEqual(s.maxChars);
            if (i > 0) expect(c.start).toBeGreaterThan(chunks[i - 1]!.start);
          });
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
