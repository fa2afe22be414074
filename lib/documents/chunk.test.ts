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

  it("cuts a section into more chunks than a call's arguments may hold", () => {
    // 200,000 one-sentence chunks in one section (no headings): the stack held ~100,000.
    const text = "Ab. ".repeat(200_000).trimEnd();
    const chunks = chunkText(text, settings({ minChars: 1, maxChars: 3, overlapSentences: 0 }));
    expect(chunks).toHaveLength(200_000);
    expect(chunks.at(-1)).toMatchObject({ index: 199_999, text: "Ab." });
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

// An author's markdown: sections under headings, a python block whose comments hold periods,
// a table and a list, the way a tutorial is written.
const para = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `Point ${i + 1} about ${topic} is made here in a plain sentence.`).join(" ");
const pythonBlock = [
  "```python",
  "class Block(torch.nn.Module):",
  "    def forward(self, x):",
  "        # compute loss. Then backprop.",
  "        loss = self.head(x).mean()",
  "",
  "        loss.backward()",
  "        return loss",
  "```",
].join("\n");
const table = [
  "| Model | Memory (GB) |",
  "|-------|-------------|",
  "| 7B    | 14          |",
  "| 13B   | 26          |",
].join("\n");
const tutorial = [
  "# Chapter 1: Training",
  para("training", 3),
  "Dr. Smith's trick: keep the batch small.",
  pythonBlock,
  para("memory", 2),
  table,
  "## Chapter 2: On Topic Number 2",
  para("lists", 2),
  "- first item, with `inline code`\n- second item\n  wrapped",
  para("evaluation", 4),
  "## Chapter 3: Last words",
  para("endings", 6),
].join("\n\n");
const blockOf = (needle: string) => {
  const start = tutorial.indexOf(needle);
  return [start, start + needle.length] as const;
};

describe("chunkText on markdown", () => {
  const sizes = [
    [150, 300],
    [200, 400],
    [300, 700],
  ] as const;
  for (const [minChars, maxChars] of sizes) {
    for (const overlapSentences of [0, 1, 2]) {
      it(`keeps code blocks and tables whole and starts chunks at headings (${minChars}–${maxChars}, overlap ${overlapSentences})`, () => {
        const chunks = chunkText(tutorial, settings({ minChars, maxChars, overlapSentences }));
        for (const [start, end] of [blockOf(pythonBlock), blockOf(table)]) {
          // A chunk holds the whole block or nothing of it.
          for (const c of chunks)
            if (c.start < end && c.end > start)
              expect([c.start, c.end, start, end]).toEqual([
                Math.min(c.start, start),
                Math.max(c.end, end),
                start,
                end,
              ]);
          expect(chunks.some((c) => c.start <= start && c.end >= end)).toBe(true);
        }
        for (const c of chunks) {
          expect(c.text).toBe(tutorial.slice(c.start, c.end));
          // No chunk ends with a heading, or starts inside the code at its comment's "Then".
          expect(c.text.split("\n").at(-1)).not.toMatch(/^#/);
          expect(c.text.startsWith("Then backprop.")).toBe(false);
        }
        // Every heading after the first starts a chunk: sections here are longer than the minimum.
        for (const heading of ["## Chapter 2: On Topic Number 2", "## Chapter 3: Last words"]) {
          const at = tutorial.indexOf(heading);
          expect(chunks.some((c) => c.start === at)).toBe(true);
          expect(chunks.some((c) => c.start < at && c.end > at)).toBe(false);
        }
      });
    }
  }

  it("cuts a code block longer than the maximum only between lines, indentation kept", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `    value_${i} = compute(step=${i})  # step ${i}. Next.`);
    const code = ["```python", "def run():", ...lines, "```"].join("\n");
    const text = `## Code\n\nA sentence before the code block, long enough to count.\n\n${code}\n\nA sentence after it.`;
    const chunks = chunkText(text, settings({ minChars: 100, maxChars: 400 }));
    const codeLines = new Set(code.split("\n"));
    for (const c of chunks) {
      expect(characterCount(c.text)).toBeLessThanOrEqual(400);
      const inside = c.text.split("\n").filter((l) => l.includes("value_"));
      for (const line of inside) expect(codeLines.has(line)).toBe(true);
    }
    // Every line of the code is in some chunk, whole.
    for (const line of lines) expect(chunks.some((c) => c.text.split("\n").includes(line))).toBe(true);
  });
});
