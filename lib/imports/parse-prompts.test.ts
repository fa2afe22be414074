import { describe, expect, it } from "vitest";
import { parsePrompts, type ParsePromptsOptions } from "./parse-prompts";
import { collectImport } from "./report";
import { bytes, chunked, fatal, jsonl } from "./test-helpers";
import type { ImportInput } from "./decode";

const run = (input: ImportInput, options?: ParsePromptsOptions) => collectImport(parsePrompts(input, options));
const prompts = async (input: ImportInput, options?: ParsePromptsOptions) =>
  (await run(input, options)).rows.map((r) => [r.line, r.prompt]);

describe("parsePrompts: formats", () => {
  it("reads JSONL, skipping blank lines and keeping physical line numbers", async () => {
    const input = '{"prompt":"one"}\n\n   \n{"prompt":"two"}\r\n{"prompt":"three"}';
    expect(await prompts(input)).toEqual([
      [1, "one"],
      [4, "two"],
      [5, "three"],
    ]);
  });

  it("reads a JSON array and reports the line each element starts on", async () => {
    const input = `[
  {"prompt": "one", "note": "has ] and , and \\" inside"},
  {
    "prompt": "two\\nlines",
    "nested": {"a": [1, 2, {"b": "}"}]}
  },


  {"prompt": "three"}
]`;
    expect(await prompts(input, { fileName: "x.json" })).toEqual([
      [2, "one"],
      [3, "two\nlines"],
      [9, "three"],
    ]);
  });

  it("reads CSV with quoted commas, quotes and newlines, reporting the line where each record starts", async () => {
    const input = [
      "id,prompt,notes",
      '1,"Hello, world",a',
      '2,"Spans',
      "three",
      'lines",b',
      "",
      '3,"Say ""hi""\r\nplease",c',
      "4,plain,d",
    ].join("\r\n");
    const { rows, report } = await run(input, { fileName: "p.csv" });
    expect(rows.map((r) => [r.line, r.prompt, r.externalId])).toEqual([
      [2, "Hello, world", "1"],
      [3, "Spans\r\nthree\r\nlines", "2"],
      [7, 'Say "hi"\r\nplease', "3"],
      [9, "plain", "4"],
    ]);
    expect(report.invalid).toBe(0);
  });

  it("reports CSV rows with the wrong number of fields and carries on", async () => {
    const { rows, report } = await run('prompt,id\n"a\nb",1\nx,2,3\nc,4\n', { format: "csv" });
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(report.errors).toEqual([{ line: 4, message: "line 4: expected 2 columns but found 3" }]);
  });

  it("reads plain text as one prompt per non-blank line, each line exactly as written", async () => {
    const { rows } = await run("First prompt\n\n  \nSecond, with a comma\r\n  Third  \n", { fileName: "p.txt" });
    expect(rows.map((r) => [r.line, r.prompt])).toEqual([
      [1, "First prompt"],
      [4, "Second, with a comma"],
      [5, "  Third  "],
    ]);
  });

  it("detects the format from the content when there is no file name", async () => {
    expect(await prompts('[{"prompt":"j"}]')).toEqual([[1, "j"]]);
    expect(await prompts("prompt,id\nc,1\n")).toEqual([[2, "c"]]);
    expect(await prompts("Just a question?\n")).toEqual([[1, "Just a question?"]]);
  });
});

describe("parsePrompts: mapping", () => {
  it("falls back through prompt, instruction, question, text, input", async () => {
    const input = jsonl(
      { instruction: "from instruction", input: "ignored" },
      { question: "from question" },
      { text: "from text" },
      { input: "from input" },
      { prompt: "from prompt", instruction: "ignored" },
      { other: "nothing usable" },
    );
    const { rows, report } = await run(input);
    expect(rows.map((r) => r.prompt)).toEqual([
      "from instruction",
      "from question",
      "from text",
      "from input",
      "from prompt",
    ]);
    expect(report.errors[0]!.message).toBe(
      'line 6: column "prompt" is missing (also looked for "instruction", "question", "text", "input")',
    );
  });

  it("picks up system and id from their conventional names, coercing numeric ids", async () => {
    const { rows } = await run(
      jsonl({ prompt: "a", system_prompt: "Be brief.", id: 17 }, { prompt: "b", system: " ", external_id: "x-2" }),
    );
    expect(rows).toMatchObject([
      { prompt: "a", system: "Be brief.", externalId: "17", metadata: {} },
      { prompt: "b", externalId: "x-2" },
    ]);
    expect(rows[1]).not.toHaveProperty("system");
  });

  it("follows dotted paths into JSON objects and copies metadata columns", async () => {
    const input = jsonl(
      { data: { instruction: "nested prompt", sys: "S" }, meta: { source: "web", tags: ["a"] }, uid: 5 },
      { data: { instruction: "second" }, meta: {} },
    );
    const mapping = {
      prompt: "data.instruction",
      system: "data.sys",
      externalId: "uid",
      metadata: ["meta.source", "meta.tags"],
    };
    const { rows } = await run(input, { mapping });
    expect(rows).toEqual([
      expect.objectContaining({
        line: 1,
        prompt: "nested prompt",
        system: "S",
        externalId: "5",
        metadata: { "meta.source": "web", "meta.tags": ["a"] },
      }),
      expect.objectContaining({ line: 2, prompt: "second", metadata: {} }),
    ]);
  });

  it("keeps the columns no field reads as metadata unless the mapping lists its own", async () => {
    const input = jsonl(
      { data: { instruction: "nested" }, topic: "maths", difficulty: 3 },
      { instruction: "plain", topic: "art" },
    );
    const kept = await run(input, { mapping: { prompt: "data.instruction" } });
    // "data" holds the prompt itself, so it is not copied again.
    expect(kept.rows[0]?.metadata).toEqual({ topic: "maths", difficulty: 3 });
    const byDefault = await run(jsonl({ instruction: "plain", id: 4, topic: "art", tags: ["a"] }));
    expect(byDefault.rows[0]).toMatchObject({
      prompt: "plain",
      externalId: "4",
      metadata: { topic: "art", tags: ["a"] },
    });
    const none = await run(input, { mapping: { prompt: "data.instruction", metadata: [] } });
    expect(none.rows[0]?.metadata).toEqual({});
  });

  it("prefers an exact key containing a dot over a path", async () => {
    const { rows } = await run(jsonl({ "a.b": "exact", a: { b: "nested" } }), { mapping: { prompt: "a.b" } });
    expect(rows[0]!.prompt).toBe("exact");
  });

  it("uses an explicit mapping without falling back to the defaults", async () => {
    const { rows, report } = await run(jsonl({ prompt: "not me", q: "me", id: "1" }, { prompt: "only default" }), {
      mapping: { prompt: "q" },
    });
    expect(rows).toEqual([expect.objectContaining({ prompt: "me" })]);
    expect(rows[0]).not.toHaveProperty("externalId");
    expect(report.errors[0]!.message).toBe('line 2: column "q" is missing');
  });

  it("fails fast when a CSV header lacks a mapped or default column", async () => {
    const missing = await fatal(run("question_text,id\nhi,1\n", { format: "csv", mapping: { prompt: "question" } }));
    expect(missing.code).toBe("missing_column");
    expect(missing.message).toBe(
      'Column "question" (prompt) is not in the file. Its columns are "question_text", "id".',
    );
    const none = await fatal(run("body,id\nhi,1\n", { format: "csv" }));
    expect(none.message).toMatch(/^No prompt column found/);
  });

  it("rejects a malformed mapping", async () => {
    const err = await fatal(run("x\n", { mapping: { prompt: "" } }));
    expect(err.code).toBe("invalid_mapping");
  });
});

describe("parsePrompts: row errors", () => {
  it("names the line, the column and the problem", async () => {
    const input = [
      '{"prompt": "fine"}',
      '{"prompt": "   "}',
      '{"prompt": {"text": "object"}}',
      '{"prompt": "x", }',
      "[1, 2]",
      '{"prompt": 42}',
      '{"prompt": "ok", "id": "' + "i".repeat(201) + '"}',
      JSON.stringify({ prompt: "p".repeat(100_001) }),
      '{"prompt": ["a"]}',
      '{"prompt": null}',
    ].join("\n");
    const { rows, report } = await run(input);
    expect(rows.map((r) => [r.line, r.prompt])).toEqual([
      [1, "fine"],
      [6, "42"],
    ]);
    expect(report.errors.map((e) => e.message)).toEqual([
      'line 2: column "prompt" is empty (only whitespace)',
      'line 3: column "prompt" must be text',
      expect.stringMatching(/^line 4: invalid JSON \(.+\)$/),
      "line 5: expected a JSON object, found an array",
      'line 7: column "id" is longer than 200 characters',
      'line 8: column "prompt" is longer than 100,000 characters',
      'line 9: column "prompt" must be text',
      'line 10: column "prompt" is missing (also looked for "instruction", "question", "text", "input")',
    ]);
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 7, 8, 9, 10]);
  });

  it("keeps only the first 100 errors but counts them all", async () => {
    const lines = Array.from({ length: 250 }, (_, i) => (i % 5 === 0 ? JSON.stringify({ prompt: `p${i}` }) : "{oops"));
    const { report } = await run(lines.join("\n"));
    expect(report).toMatchObject({ total: 250, valid: 50, invalid: 200, duplicates: 0, errorsTruncated: true });
    expect(report.errors).toHaveLength(100);
    expect(report.errors[0]!.line).toBe(2);
    expect(report.errors[99]!.line).toBe(125);
  });

  it("does not mark exactly 100 errors as truncated", async () => {
    const { report } = await run(Array(100).fill("{").join("\n"));
    expect(report).toMatchObject({ invalid: 100, errorsTruncated: false });
  });
});

describe("parsePrompts: duplicates", () => {
  it("counts later rows with the same normalised prompt as duplicates, not errors", async () => {
    const input = jsonl(
      { prompt: "Hello world" },
      { prompt: "  Hello\n\tworld " },
      { prompt: "   " },
      { prompt: "cafe\u0301" },
      { prompt: "caf\u00e9" },
      { prompt: "hello world" },
    );
    const events = [];
    for await (const e of parsePrompts(input)) events.push(e);
    expect(events.map((e) => e.kind)).toEqual(["row", "duplicate", "error", "row", "duplicate", "row"]);
    expect(events[1]).toEqual({ kind: "duplicate", line: 2, firstLine: 1 });
    const { report } = await run(input);
    expect(report).toMatchObject({ total: 6, valid: 3, invalid: 1, duplicates: 2 });
  });

  it("only counts a duplicate of an earlier valid row", async () => {
    const { report, rows } = await run(jsonl({ prompt: "same", id: "x".repeat(300) }, { prompt: "same" }));
    expect(report).toMatchObject({ valid: 1, invalid: 1, duplicates: 0 });
    expect(rows[0]!.line).toBe(2);
  });
});

describe("parsePrompts: text fidelity", () => {
  const tricky =
    "Emoji 👩‍💻🇫🇷, \"quotes\", 'single', back\\slash \\n (literal), tab\there\nnew line, zero\u200bwidth, RTL \u05e9\u05dc\u05d5\u05dd, NFD cafe\u0301";

  it("preserves every character of the prompt in JSONL, JSON and CSV", async () => {
    const csvField = `"${tricky.replace(/"/g, '""')}"`;
    for (const [input, options] of [
      [jsonl({ prompt: tricky }), {}],
      [JSON.stringify([{ prompt: tricky }]), {}],
      [`prompt\n${csvField}\n`, { format: "csv" as const }],
    ] as const) {
      const { rows } = await run(chunked(input, 5), options);
      expect(rows[0]!.prompt).toBe(tricky);
      expect(Buffer.from(rows[0]!.prompt)).toEqual(Buffer.from(tricky));
    }
  });

  it("keeps a BOM out of the first prompt and header", async () => {
    expect(await prompts(chunked(bytes([0xef, 0xbb, 0xbf], "prompt\nhi\n"), 2), { format: "csv" })).toEqual([
      [2, "hi"],
    ]);
    expect(await prompts("\uFEFFFirst line\n", { format: "text" })).toEqual([[1, "First line"]]);
  });
});

describe("parsePrompts: fatal problems", () => {
  it("throws for invalid UTF-8, naming the line", async () => {
    const input = chunked(bytes('{"prompt":"a"}\n{"prompt":"b', [0xc3, 0x28], '"}\n'), 7);
    const err = await fatal(run(input));
    expect(err).toMatchObject({ code: "invalid_utf8", line: 2 });
    expect(err.message).toBe("File is not valid UTF-8 (line 2, byte 27). Save it as UTF-8 and try again.");
  });

  it("throws for an empty file, a JSON file that is not an array, and broken JSON", async () => {
    expect((await fatal(run(" \n\n"))).code).toBe("empty");
    const notArray = await fatal(run('{\n  "prompts": []\n}', { fileName: "a.json" }));
    expect(notArray.code).toBe("not_an_array");
    expect(notArray.message).toMatch(/must contain an array of objects, but this one contains an object/);
    const broken = await fatal(run('[\n{"prompt": "a"},\n{"prompt": "b" "c"}\n]'));
    expect(broken).toMatchObject({ code: "invalid_json", line: 3 });
  });

  it("throws for a CSV quote that is never closed, naming the record's line", async () => {
    const err = await fatal(run('prompt,id\nok,1\n"never closed,2\nmore,3\n', { format: "csv" }));
    expect(err).toMatchObject({ code: "invalid_csv", line: 3 });
    expect(err.message).toBe("CSV error in the record starting on line 3: a quoted field is never closed.");
  });

  it("throws for a CSV without a usable header", async () => {
    expect((await fatal(run("prompt,prompt\na,b\n", { format: "csv" }))).message).toBe(
      'The CSV header names column "prompt" twice.',
    );
    expect((await fatal(run(",,\n , ,\n", { format: "csv" }))).code).toBe("missing_header");
    const data = await fatal(run('"A prompt that spans\ntwo lines",x\n', { format: "csv" }));
    expect(data).toMatchObject({ code: "missing_header", line: 1 });
  });

  it("throws for an unknown format", async () => {
    // A format from an untyped source (a form field).
    expect((await fatal(run("x", { format: "xml" as never }))).code).toBe("unknown_format");
  });
});
