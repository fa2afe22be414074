import { describe, expect, it } from "vitest";
import type { ImportInput } from "./decode";
import { parsePairs, type ParsePairsOptions } from "./parse-pairs";
import { collectImport } from "./report";
import { fatal, jsonl } from "./test-helpers";

const run = (input: ImportInput, options?: ParsePairsOptions) => collectImport(parsePairs(input, options));
const user = (content: string) => ({ role: "user", content });
const assistant = (content: string) => ({ role: "assistant", content });
const system = (content: string) => ({ role: "system", content });

describe("parsePairs: recognised layouts", () => {
  it("reads the TRL standard format, keeping each completion's leading space", async () => {
    const { rows } = await run(jsonl({ prompt: "The sky is", chosen: " blue.", rejected: " green.", id: 9 }));
    expect(rows).toEqual([
      {
        line: 1,
        prompt: "The sky is",
        chosen: " blue.",
        rejected: " green.",
        externalId: "9",
        metadata: {},
        promptKey: expect.stringMatching(/^[0-9a-f]{64}$/),
        pairKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it("reads the TRL conversational format: its system message to `system`, its user message to the prompt", async () => {
    const record = {
      prompt: [system("Be terse."), user("What colour is the sky?")],
      chosen: [assistant("Blue.")],
      rejected: [assistant("Green.")],
    };
    const { rows } = await run(jsonl(record));
    expect(rows[0]).toMatchObject({
      prompt: "What colour is the sky?",
      system: "Be terse.",
      chosen: "Blue.",
      rejected: "Green.",
      metadata: {},
    });
  });

  it("reads TRL's implicit prompt: the turns chosen and rejected share are the prompt", async () => {
    const { rows, report } = await run(
      jsonl(
        { chosen: [system("S"), user("Q"), assistant("good")], rejected: [system("S"), user("Q"), assistant("bad")] },
        { chosen: [user("Q"), assistant("good")], rejected: [user("Other Q"), assistant("bad")] },
      ),
    );
    expect(rows[0]).toMatchObject({ prompt: "Q", system: "S", chosen: "good", rejected: "bad", metadata: {} });
    expect(report.errors[0]!.message).toBe(
      'line 2: columns "chosen" and "rejected" must share the same conversation before the final answer',
    );
  });

  it("refuses multi-turn conversations, and more than one system message, instead of keeping only the last turn", async () => {
    const { rows, report } = await run(
      jsonl(
        {
          prompt: [system("S"), user("turn one"), assistant("reply one"), user("turn two")],
          chosen: [assistant("good")],
          rejected: [assistant("bad")],
        },
        {
          chosen: [user("Q1"), assistant("A1"), user("Q2"), assistant("good")],
          rejected: [user("Q1"), assistant("A1"), user("Q2"), assistant("bad")],
        },
        { prompt: [system("S1"), system("S2"), user("Q")], chosen: [assistant("good")], rejected: [assistant("bad")] },
        { prompt: [system("S"), user("Q")], chosen: [assistant("good")], rejected: [assistant("bad")] },
      ),
    );
    expect(rows.map((r) => r.line)).toEqual([4]);
    expect(report.errors.map((e) => e.message)).toEqual([
      'line 1: column "prompt" has 2 earlier turns before its last user message; a pair takes one user message (after an optional system message), so multi-turn conversations are not imported',
      'line 2: the conversation in "chosen" has 2 earlier turns before its last user message; a pair takes one user message (after an optional system message), so multi-turn conversations are not imported',
      'line 3: column "prompt" has 2 system messages; a pair takes at most one',
    ]);
  });

  it("does not count a prompt twice when chosen and rejected repeat it (ultrafeedback_binarized)", async () => {
    const { rows } = await run(
      jsonl({
        prompt: "Q",
        chosen: [user("Q"), assistant("good")],
        rejected: [user("Q"), assistant("bad")],
        messages: [],
      }),
    );
    expect(rows[0]).toMatchObject({ prompt: "Q", chosen: "good", rejected: "bad" });
    // The columns no field reads are kept as they are; the repeated prompt is not history.
    expect(rows[0]!.metadata).toEqual({ messages: [] });
  });

  it("keeps unmapped columns as metadata by default, and only the listed ones with a mapping", async () => {
    const record = {
      prompt: "Q",
      chosen: "good",
      rejected: "bad",
      source: "forum",
      score_chosen: 8,
      meta: { lang: "en" },
    };
    const kept = await run(jsonl(record));
    expect(kept.rows[0]!.metadata).toEqual({ source: "forum", score_chosen: 8, meta: { lang: "en" } });
    const listed = await run(jsonl(record), {
      mapping: { prompt: "prompt", chosen: "chosen", rejected: "rejected", metadata: ["source"] },
    });
    expect(listed.rows[0]!.metadata).toEqual({ source: "forum" });
    const none = await run(jsonl(record), {
      mapping: { prompt: "prompt", chosen: "chosen", rejected: "rejected", metadata: [] },
    });
    expect(none.rows[0]!.metadata).toEqual({});
  });

  it("reads the Orca layout (system, question, chosen, rejected)", async () => {
    const { rows } = await run(jsonl({ system: "You are helpful.", question: "2+2?", chosen: "4", rejected: "5" }));
    expect(rows[0]).toMatchObject({ prompt: "2+2?", system: "You are helpful.", chosen: "4", rejected: "5" });
    expect(rows[0]!.metadata).toEqual({});
  });

  it("accepts numbers as text and text parts as message content", async () => {
    const { rows } = await run(
      jsonl({
        prompt: [
          {
            role: "user",
            content: [
              { type: "text", text: "Line one" },
              { type: "text", text: "line two" },
            ],
          },
        ],
        chosen: [assistant("4")],
        rejected: 5,
      }),
    );
    expect(rows[0]).toMatchObject({ prompt: "Line one\nline two", chosen: "4", rejected: "5" });
  });

  it("refuses, naming the field, a number JSON would not keep as written", async () => {
    const lines = [
      '{"prompt": 12345678901234567890, "chosen": "a", "rejected": "b"}',
      '{"prompt": "p2", "chosen": 0.1000, "rejected": "b"}',
      '{"prompt": "p3", "chosen": "a", "rejected": "b", "meta": {"n": [1, 1e400]}}',
      '{"prompt": "p4", "chosen": -2.5, "rejected": 10, "id": 9007199254740991}',
      // The value's text elsewhere in the line, in a string or as another number, does not make it exact.
      '{"prompt": 1.50, "chosen": "a 1.5, b", "rejected": "x"}',
      '{"prompt": "p6", "chosen": 1E2, "rejected": "y", "x": 100}',
    ];
    const arrays = `[\n${lines.join(",\n")}\n]`;
    for (const input of [`${lines.join("\n")}\n`, arrays]) {
      const { rows, report } = await run(input, input.startsWith("[") ? { format: "json" } : undefined);
      expect(rows.map((r) => [r.prompt, r.chosen, r.rejected])).toEqual([["p4", "-2.5", "10"]]);
      // The array's "[" is on a line of its own.
      const at = (n: number) => `line ${input.startsWith("[") ? n + 1 : n}: `;
      expect(report.errors.map((e) => e.message)).toEqual([
        `${at(1)}"prompt" holds a number that would not be kept as written (it reads as 12345678901234567000): put it in quotes to keep it exactly`,
        `${at(2)}"chosen" holds a number that would not be kept as written (it reads as 0.1): put it in quotes to keep it exactly`,
        `${at(3)}"meta.n[1]" holds a number that would not be kept as written (it reads as Infinity): put it in quotes to keep it exactly`,
        `${at(5)}"prompt" holds a number that would not be kept as written (it reads as 1.5): put it in quotes to keep it exactly`,
        `${at(6)}"chosen" holds a number that would not be kept as written (it reads as 100): put it in quotes to keep it exactly`,
      ]);
    }
  });

  it("refuses, naming it, a key given twice, whose first value JSON would drop", async () => {
    const lines = [
      '{"prompt":"first","prompt":"second","chosen":"a","rejected":"b"}',
      '{"prompt": "p2", "chosen": "a", "rejected": "b", "meta": {"a": 1, "\\u0061": 2}}',
      '{"prompt": "p3", "chosen": "a", "rejected": "b", "meta": {"a": 1}, "tags": [{"a": 1}, {"a": 2}]}',
    ];
    const arrays = `[\n${lines.join(",\n")}\n]`;
    for (const input of [`${lines.join("\n")}\n`, arrays]) {
      const { rows, report } = await run(input, input.startsWith("[") ? { format: "json" } : undefined);
      expect(rows.map((r) => r.prompt)).toEqual(["p3"]);
      const at = (n: number) => `line ${input.startsWith("[") ? n + 1 : n}: `;
      expect(report.errors.map((e) => e.message)).toEqual([
        `${at(1)}"prompt" appears twice in the record: keep one`,
        `${at(2)}"meta.a" appears twice in the record: keep one`,
      ]);
    }
  });

  it("follows an explicit mapping, including dotted paths and metadata", async () => {
    const input = jsonl({ q: { text: "Why?" }, good: "Because.", bad: "No.", sys: "S", uid: "u1", src: "forum" });
    const mapping = {
      prompt: "q.text",
      chosen: "good",
      rejected: "bad",
      system: "sys",
      externalId: "uid",
      metadata: ["src"],
    };
    const { rows } = await run(input, { mapping });
    expect(rows[0]).toMatchObject({
      prompt: "Why?",
      chosen: "Because.",
      rejected: "No.",
      system: "S",
      externalId: "u1",
      metadata: { src: "forum" },
    });
  });

  it("reads pairs from CSV", async () => {
    const { rows } = await run('prompt,chosen,rejected\n"Q, with comma","A\n""quoted""",B\n', { format: "csv" });
    expect(rows[0]).toMatchObject({ line: 2, prompt: "Q, with comma", chosen: 'A\n"quoted"', rejected: "B" });
  });
});

describe("parsePairs: row errors", () => {
  it("rejects pairs whose chosen and rejected are identical, or differ only in whitespace or Unicode form, saying which", async () => {
    const { rows, report } = await run(
      jsonl(
        { prompt: "p", chosen: "same ", rejected: "\nsame" },
        { prompt: "p", chosen: "Same", rejected: "same" },
        { prompt: "p", chosen: "caf\u00e9", rejected: "cafe\u0301" },
        { prompt: "p", chosen: "same", rejected: "same" },
      ),
    );
    const only =
      "chosen and rejected differ only in whitespace or in how accented letters are encoded (Unicode form), which teaches a model nothing";
    expect(report.errors).toEqual([
      { line: 1, message: `line 1: ${only}` },
      { line: 3, message: `line 3: ${only}` },
      { line: 4, message: "line 4: chosen and rejected are identical" },
    ]);
    expect(rows.map((r) => r.line)).toEqual([2]);
  });

  it("names the column and the problem", async () => {
    const input = jsonl(
      { prompt: "p", chosen: { text: "x" }, rejected: "r" },
      { prompt: "p", rejected: "r" },
      { prompt: "p", chosen: "c", rejected: [{ role: "assistant" }] },
      { prompt: "p", chosen: [user("c")], rejected: "r" },
      { prompt: [user("hi"), assistant("hello")], chosen: "c", rejected: "r" },
      { chosen: "c", rejected: "r" },
      { prompt: "  ", chosen: "c", rejected: "r" },
      { prompt: "p", chosen: "c", rejected: [] },
      { prompt: "p", chosen: "c", rejected: [{ role: "assistant", content: [{ type: "image", url: "x" }] }] },
      { chosen: [assistant("c")], rejected: [assistant("r")] },
    );
    const { report } = await run(input);
    expect(report.errors.map((e) => e.message)).toEqual([
      'line 1: column "chosen" must be text or a list of messages',
      'line 2: column "chosen" is missing',
      'line 3: column "rejected" message 1 must be an object with a "role" and text "content"',
      'line 4: column "chosen" must end with an assistant message, not "user"',
      'line 5: column "prompt" must end with a user message, not "assistant"',
      'line 6: column "prompt" is missing (also looked for "question", "instruction")',
      'line 7: column "prompt" is empty (only whitespace)',
      'line 8: column "rejected" is empty',
      'line 9: column "rejected" message 1 has non-text content ("image")',
      'line 10: column "prompt" is missing (also looked for "question", "instruction")',
    ]);
  });
});

describe("parsePairs: duplicates and fatal problems", () => {
  it("dedupes on prompt + chosen + rejected, so one prompt may carry several pairs", async () => {
    const { report, rows } = await run(
      jsonl(
        { prompt: "Q", chosen: "a", rejected: "b" },
        { prompt: "Q", chosen: "a", rejected: "c" },
        { prompt: " Q ", chosen: "a  ", rejected: "b" },
      ),
    );
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
    expect(rows[0]!.promptKey).toBe(rows[1]!.promptKey);
    expect(report).toMatchObject({ total: 3, valid: 2, duplicates: 1, invalid: 0 });
  });

  it("refuses plain text, and a CSV without the pair columns", async () => {
    const text = await fatal(run("a prompt\n", { fileName: "p.txt" }));
    expect(text).toMatchObject({
      code: "unsupported_format",
      message: "Plain text files cannot be used here; use JSONL, JSON, CSV.",
    });
    const csv = await fatal(run("prompt,chosen\np,c\n", { format: "csv" }));
    expect(csv).toMatchObject({
      code: "missing_column",
      message: 'Column "rejected" (rejected) is not in the file. Its columns are "prompt", "chosen".',
    });
  });
});
