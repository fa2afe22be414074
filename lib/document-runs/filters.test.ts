import { describe, expect, it } from "vitest";
import {
  chosenFilterFailure,
  evaluationNgrams,
  isContaminated,
  nearDuplicateOf,
  quotedSpan,
  readEvaluationJsonl,
  shingles,
  sourceMention,
} from "./filters";
import { parseItems } from "./items";
import { DEFAULT_SOURCE_PHRASES, documentRunSettingsSchema } from "./settings";
import { siftItems } from "./sift";

const filters = documentRunSettingsSchema.parse({ mode: "PREFERENCES", generatorEndpointId: "e" }).filters;
const long =
  "A sentence that is long enough to pass the length filter, with a capital letter at its start and a full stop at its very end.";

describe("the filters", () => {
  it("finds an extract verbatim after whitespace normalisation only, and gives the chunk's own text", () => {
    const chunk = "The river   bends here.\nIt then runs   east to the sea.";
    expect(quotedSpan(" river bends here. It then runs east\n", chunk)).toBe(
      "river   bends here.\nIt then runs   east",
    );
    expect(quotedSpan("river turns here", chunk)).toBeNull();
    expect(quotedSpan("River bends here", chunk)).toBeNull();
    expect(quotedSpan("   ", chunk)).toBeNull();
    // Paragraphs the model joined come back as the author wrote them; other scripts too.
    expect(quotedSpan("follow. Second 😀 part", "Then follow.\n\nSecond 😀\tpart, last.")).toBe(
      "follow.\n\nSecond 😀\tpart",
    );
    // Only the normal forms match: the extract itself, as the chunk holds no equal text.
    expect(quotedSpan("café".normalize("NFC"), "Le café.".normalize("NFD"))).toBe("café".normalize("NFC"));
  });

  it("drops instructions naming their source, as whole words, and not when the list is empty", () => {
    expect(sourceMention("According to the text, why?", DEFAULT_SOURCE_PHRASES)).toBe("the text");
    expect(sourceMention("What does THE  AUTHOR think?", DEFAULT_SOURCE_PHRASES)).toBe("the author");
    expect(sourceMention("Summarise this article.", DEFAULT_SOURCE_PHRASES)).toBe("this article");
    expect(sourceMention("How are the textures of bread made?", DEFAULT_SOURCE_PHRASES)).toBeNull();
    expect(sourceMention("According to the text, why?", [])).toBeNull();
  });

  it("checks the chosen text's length, first capital and final punctuation, each of which can be off", () => {
    expect(chosenFilterFailure(long, filters)).toBeNull();
    expect(chosenFilterFailure("Short.", filters)).toBe("is shorter than 100 characters");
    expect(chosenFilterFailure("Short.", { ...filters, minChosenChars: null })).toBeNull();
    expect(chosenFilterFailure(long.toLowerCase(), filters)).toBe("does not start with a capital letter");
    expect(chosenFilterFailure(long.toLowerCase(), { ...filters, startsUpperCase: false })).toBeNull();
    expect(chosenFilterFailure(long.slice(0, -1), filters)).toBe(
      "does not end with a sentence's end punctuation (. ! ? 。 ？ ！ ؟ । …)",
    );
    expect(chosenFilterFailure(long.slice(0, -1), { ...filters, endsWithPunctuation: false })).toBeNull();
    expect(chosenFilterFailure(`${long.slice(0, -1)}?`, filters)).toBeNull();
  });

  it("takes text in scripts without capitals, and the world's sentence ends with closing quotes after them", () => {
    const ok = { ...filters, minChosenChars: 10 };
    for (const text of [
      "日本語の段落は大文字を持たず、句点で終わる文章である。",
      "これは質問ですか、それとも答えですか？",
      "هل هذه الجملة تنتهي بعلامة استفهام عربية؟",
      "यह हिंदी का एक वाक्य है जो पूर्ण विराम पर समाप्त होता है।",
      'He said it was over, and it was over."',
      "The result holds for every case (see the proof.)",
      "She called it “the end of an era.”",
      "« Une phrase française qui se termine bien. »",
      "Und dann sagte sie: „Das ist das Ende.“",
      "¿Es una pregunta en español, o no lo es?",
      "Ελληνικό κείμενο που ξεκινά με κεφαλαίο.",
    ])
      expect(chosenFilterFailure(text, ok), text).toBeNull();
    expect(chosenFilterFailure("ελληνικό κείμενο που ξεκινά με μικρό.", ok)).toBe(
      "does not start with a capital letter",
    );
    expect(chosenFilterFailure("“lower case after a quote, which fails.”", ok)).toBe(
      "does not start with a capital letter",
    );
    expect(chosenFilterFailure("これは句点のない日本語の文章です", ok)).toMatch(/^does not end with/);
  });

  it("counts the chosen text's length in characters (code points), as chunk sizes do", () => {
    const emoji = "😀".repeat(60); // 60 characters, 120 UTF-16 units
    expect(chosenFilterFailure(`${emoji}.`, { ...filters, startsUpperCase: false })).toBe(
      "is shorter than 100 characters",
    );
    expect(chosenFilterFailure(`${"😀".repeat(99)}.`, { ...filters, startsUpperCase: false })).toBeNull();
  });

  it("finds near duplicates by shingle similarity at the threshold", () => {
    const earlier = [shingles("How do rivers carve deep valleys through hard rock over time?")];
    expect(nearDuplicateOf("How do rivers carve deep valleys through hard rock over time", earlier, 0.7)).toBe(0);
    expect(nearDuplicateOf("How do rivers carve deep valleys through hard rock over centuries?", earlier, 0.7)).toBe(0);
    expect(nearDuplicateOf("Why do bakers let bread dough rest overnight?", earlier, 0.7)).toBe(-1);
  });

  it("flags an instruction sharing a 13-word run with the evaluation set, not 12", () => {
    const evaluation = evaluationNgrams([
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    ]);
    expect(
      isContaminated("Say: One two three four five six seven eight nine ten eleven twelve thirteen!", evaluation),
    ).toBe(true);
    expect(isContaminated("one two three four five six seven eight nine ten eleven twelve", evaluation)).toBe(false);
    expect(readEvaluationJsonl('{"prompt":"a"}\n"b"\n\n{"x":1}\n')).toEqual({ prompts: ["a", "b"], badLines: [4] });
  });
});

describe("per-item validation and the funnel order", () => {
  it("drops a bad item with its reason and keeps the chunk's others", () => {
    const reply = JSON.stringify({
      items: [
        { instruction: "Why?", extract: long },
        { question: "no instruction" },
        { instruction: "", extract: long },
      ],
    });
    const parsed = parseItems(reply, "PREFERENCES", 3);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value[0]).toEqual({ ok: true, instruction: "Why?", answer: long });
    expect(parsed.value[1]).toMatchObject({ ok: false, raw: '{"question":"no instruction"}' });
    expect(parsed.value[2]).toMatchObject({ ok: false, error: "instruction must not be empty" });
    expect(parseItems('{"nothing": 1}', "PREFERENCES", 3)).toEqual({
      ok: false,
      error: 'the object must have an "items" array',
    });
    expect(parseItems(reply, "PREFERENCES", 1).ok && parseItems(reply, "PREFERENCES", 1)).toMatchObject({
      value: [{}],
    });
  });

  it("records each item at the first stage it fails", () => {
    const settings = documentRunSettingsSchema.parse({
      mode: "PREFERENCES",
      generatorEndpointId: "e",
      evaluationPrompts: ["Tell me: what makes the rivers of the north run so very cold in deep winter time?"],
    });
    const chunk = `${long} Tiny bit here. The rivers of the north run so very cold in deep winter time for reasons this sentence gives.`;
    const sifted = siftItems(
      [
        { ok: false, raw: "{}", error: "bad" },
        { ok: true, instruction: "Why is this long?", answer: "Not in the chunk at all." },
        { ok: true, instruction: "According to the text, why?", answer: long },
        { ok: true, instruction: "What is tiny?", answer: "Tiny bit here." },
        { ok: true, instruction: "What passes every filter in this case?", answer: long },
        { ok: true, instruction: "What passes every filter in this case", answer: long },
        {
          ok: true,
          instruction: "Explain what makes the rivers of the north run so very cold in deep winter time?",
          answer: long,
        },
      ],
      chunk,
      settings,
      { earlier: [], evaluation: evaluationNgrams(settings.evaluationPrompts) },
    );
    expect(sifted.map((s) => s.droppedAt)).toEqual([
      "INVALID",
      "NOT_VERBATIM",
      "SOURCE_MENTION",
      "FILTER",
      null,
      "NEAR_DUPLICATE",
      "CONTAMINATED",
    ]);
    // Each reason a clause of its own, as the funnel lists it under the dropped item.
    expect(sifted.map((s) => s.dropReason)).toEqual([
      "bad",
      "the extract is not word for word in the chunk",
      'the instruction mentions "the text"',
      "the extract is shorter than 100 characters",
      null,
      "the instruction is nearly the same as one kept before it",
      "the instruction shares a 13-word run with the evaluation set",
    ]);
  });

  it("words a failed filter with its verb, for answers as for extracts", () => {
    const settings = documentRunSettingsSchema.parse({ mode: "INSTRUCTIONS", generatorEndpointId: "e" });
    const [short, lower] = siftItems(
      [
        { ok: true, instruction: "What is short?", answer: "Short." },
        { ok: true, instruction: "What starts in lower case here?", answer: long.toLowerCase() },
      ],
      long,
      settings,
      { earlier: [], evaluation: new Set() },
    );
    expect(short!.dropReason).toBe("the answer is shorter than 100 characters");
    expect(lower!.dropReason).toBe("the answer does not start with a capital letter");
  });

  it("keeps as a preference item's answer the chunk's own text, line breaks and all", () => {
    const settings = documentRunSettingsSchema.parse({ mode: "PREFERENCES", generatorEndpointId: "e" });
    const [first, second] = [long, long.replace("long enough", "so very long")];
    const chunk = `${first}\n\n${second}`;
    const [item] = siftItems(
      [{ ok: true, instruction: "What do the two sentences say?", answer: `${first} ${second}` }],
      chunk,
      settings,
      { earlier: [], evaluation: new Set() },
    );
    expect(item).toMatchObject({ droppedAt: null, answer: chunk });
  });

  it("keeps a preference extract within one section: a heading it opens with goes, one inside drops it", () => {
    const settings = documentRunSettingsSchema.parse({ mode: "PREFERENCES", generatorEndpointId: "e" });
    const code = [
      "```python",
      "def step(model, batch):",
      "    # compute loss. Then backprop.",
      "    loss = model(batch)",
      "",
      "    loss.backward()",
      "```",
    ].join("\n");
    const next = "Then the optimiser takes its step, and the gradients are set back to zero before the next batch.";
    const chunk = `## Training\n\n${long}\n\n${code}\n\n# Chapter 2: On Topic Number 2\n\n${next}`;
    const flat = (text: string) => text.replace(/\s+/g, " ");
    const sifted = siftItems(
      [
        // The model copies the heading with the paragraph, and flattens the code's lines.
        { ok: true, instruction: "How is training done?", answer: flat(`Training ${long} ${code}`) },
        {
          ok: true,
          instruction: "What happens after the loss?",
          answer: flat(`backward()\n\`\`\`\n\n# Chapter 2: On Topic Number 2\n\n${next}`),
        },
        { ok: true, instruction: "What is chapter two called?", answer: "# Chapter 2: On Topic Number 2" },
        // Half a comment line, then the code: a sentence rule's cut, not an answer.
        {
          ok: true,
          instruction: "What comes after the loss?",
          answer: "Then backprop. loss = model(batch) loss.backward()",
        },
        // Whole lines of code are.
        { ok: true, instruction: "How is the loss found?", answer: "loss = model(batch) loss.backward()" },
      ],
      chunk,
      {
        ...settings,
        filters: { ...settings.filters, minChosenChars: null, startsUpperCase: false, endsWithPunctuation: false },
      },
      { earlier: [], evaluation: new Set() },
    );
    // The chosen is the paragraph and the code block as written, indentation and blank line
    // included; the "# compute loss." comment is code, not a heading.
    expect(sifted[0]).toMatchObject({ droppedAt: null, answer: `${long}\n\n${code}` });
    expect(sifted.slice(1).map((s) => [s.droppedAt, s.dropReason])).toEqual([
      ["FILTER", "the extract runs across a section heading, or is only one"],
      ["FILTER", "the extract runs across a section heading, or is only one"],
      ["FILTER", "the extract starts or ends in the middle of a line of code or of a table row"],
      [null, null],
    ]);
    expect(sifted[4]!.answer).toBe("loss = model(batch)\n\n    loss.backward()");
  });
});
