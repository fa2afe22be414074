import { describe, expect, it } from "vitest";
import { segments, splitSentences } from "./sentences";

// Fixtures with known sentence boundaries. Each case that names an abbreviation, an initial, a
// quote or a date is one ICU alone cuts wrongly (Node 20's Intl.Segmenter has no abbreviation list).
const cases: [string, string, string[]][] = [
  [
    "titles",
    "Dr. Smith arrived. Mr. Jones and Mrs. Brown left.",
    ["Dr. Smith arrived.", "Mr. Jones and Mrs. Brown left."],
  ],
  [
    "e.g. and i.e.",
    "Use fruit, e.g. Apples. Or nuts, i.e. Almonds. Done.",
    ["Use fruit, e.g. Apples.", "Or nuts, i.e. Almonds.", "Done."],
  ],
  [
    "decimals",
    "Pi is 3.14 and e is 2.718. Both are irrational.",
    ["Pi is 3.14 and e is 2.718.", "Both are irrational."],
  ],
  [
    "No. before a number",
    "It is No. 5 on the list. See vol. 2 and p. 12 too. End.",
    ["It is No. 5 on the list.", "See vol. 2 and p. 12 too.", "End."],
  ],
  ["No. as a word", "He said No. Then he left.", ["He said No.", "Then he left."]],
  ["initialisms", "The U.S. Army is large. It has many units.", ["The U.S. Army is large.", "It has many units."]],
  ["initials", "J. K. Rowling wrote it. People read it.", ["J. K. Rowling wrote it.", "People read it."]],
  ["quotes", 'He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]],
  ["question in quotes", "“Is it?” she asked. Yes.", ["“Is it?” she asked.", "Yes."]],
  [
    "brackets",
    "(This is one.) And this is two. [Three.] Four.",
    ["(This is one.)", "And this is two.", "[Three.]", "Four."],
  ],
  ["ellipses", "Wait... what? Yes! Well… maybe.", ["Wait... what?", "Yes!", "Well… maybe."]],
  [
    "German",
    "Das ist z. B. ein Test. Dann kommt Nr. 5 dran. Sie kam am 3. Mai. Fertig.",
    ["Das ist z. B. ein Test.", "Dann kommt Nr. 5 dran.", "Sie kam am 3. Mai.", "Fertig."],
  ],
  [
    "French",
    "M. Dupont est arrivé. Il a dit « Bonjour ! » Puis il est parti.",
    ["M. Dupont est arrivé.", "Il a dit « Bonjour ! »", "Puis il est parti."],
  ],
  ["Japanese", "これは文です。次の文です！最後ですか？", ["これは文です。", "次の文です！", "最後ですか？"]],
  ["Chinese", "这是句子。这是另一个句子！好吗？", ["这是句子。", "这是另一个句子！", "好吗？"]],
  ["wrapped lines", "A line that\nwraps here. Next one.", ["A line that\nwraps here.", "Next one."]],
  [
    "paragraphs",
    "A heading\n\nThe body starts here. It goes on.",
    ["A heading", "The body starts here.", "It goes on."],
  ],
];

describe("splitSentences", () => {
  it.each(cases)("%s", (_name, text, sentences) => {
    expect(splitSentences(text)).toEqual(sentences);
  });
});

describe("segments", () => {
  it("finds the boundaries ICU finds in the whole text, one paragraph and window at a time", () => {
    const words = ["The", "model", "Dr.", "Smith", "e.g.", "3.14", "said", "“yes.”", "U.S.", "data"];
    const parts: string[] = [];
    for (let i = 0; i < 6000; i++)
      parts.push(words[(i * 7) % words.length]! + (i % 13 === 0 ? "." : "") + (i % 3000 === 0 ? "\n\n" : ""));
    const text = parts.join(" ");
    const trim = ([a, b]: [number, number]) => {
      while (a < b && /\s/.test(text[a]!)) a++;
      while (b > a && /\s/.test(text[b - 1]!)) b--;
      return a < b ? [`${a}-${b}`] : [];
    };
    const whole = [...new Intl.Segmenter("en", { granularity: "sentence" }).segment(text)].flatMap((s) =>
      trim([s.index, s.index + s.segment.length]),
    );
    expect(text.length).toBeGreaterThan(3 * 8192);
    expect([...segments(text)].flatMap(trim)).toEqual(whole);
  });
});
