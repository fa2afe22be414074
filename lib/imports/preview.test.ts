import { describe, expect, it } from "vitest";
import { previewImport } from "./preview";
import { chunked, fatal, jsonl } from "./test-helpers";

describe("previewImport", () => {
  it("returns the first records and their columns, including dotted paths", async () => {
    const input = jsonl(
      { prompt: "a", meta: { source: "web", deep: { x: 1 } } },
      "not an object",
      { prompt: "b", id: 2, tags: ["t"] },
      { prompt: "c" },
    );
    const preview = await previewImport(input, { limit: 3 });
    expect(preview).toEqual({
      format: "jsonl",
      columns: ["prompt", "meta", "meta.source", "meta.deep", "meta.deep.x", "id", "tags"],
      rows: [
        { prompt: "a", meta: { source: "web", deep: { x: 1 } } },
        { prompt: "b", id: 2, tags: ["t"] },
        { prompt: "c" },
      ],
      errors: [{ line: 2, message: "line 2: expected a JSON object, found a string" }],
      pairStyle: null,
      truncated: false,
    });
  });

  it("cuts off nesting too deep to send to the browser as JSON", async () => {
    const deep = `{"prompt": "p", "tree": ${"[".repeat(50_000)}${"]".repeat(50_000)}}\n`;
    const preview = await previewImport(deep);
    expect(() => JSON.stringify(preview)).not.toThrow();
    let level: unknown = preview.rows[0]?.tree;
    while (Array.isArray(level)) level = level[0];
    expect(level).toBe("…");
    expect(preview.rows[0]?.prompt).toBe("p");
  });

  it("uses the CSV header as the columns, even with no rows", async () => {
    expect(await previewImport("prompt,chosen,rejected\n", { fileName: "x.csv" })).toMatchObject({
      format: "csv",
      columns: ["prompt", "chosen", "rejected"],
      rows: [],
    });
  });

  it("names the pair layout of the first record", async () => {
    const conversational = jsonl({
      prompt: [{ role: "user", content: "q" }],
      chosen: [{ role: "assistant", content: "a" }],
      rejected: [],
    });
    expect((await previewImport(conversational)).pairStyle).toBe("conversational");
    expect((await previewImport(jsonl({ chosen: [], rejected: [] }))).pairStyle).toBe("implicit-prompt");
    expect((await previewImport(jsonl({ question: "q", chosen: "a", rejected: "b" }))).pairStyle).toBe("orca");
    expect((await previewImport(jsonl({ prompt: "q", chosen: "a", rejected: "b" }))).pairStyle).toBe("standard");
  });

  // Lines of ~1 KiB: the CSV parser buffers up to 16 KiB of text and 16 records ahead.
  const padding = "x".repeat(1000);
  it.each([
    ["jsonl", (i: number) => jsonl({ prompt: `p${i}`, padding })],
    ["csv", (i: number) => (i === 0 ? "prompt,padding\n" : "") + `p${i},${padding}\n`],
  ] as const)("stops reading a %s stream once it has enough, and releases it", async (format, lineAt) => {
    let pulled = 0;
    let released = false;
    async function* upload() {
      try {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield* chunked(lineAt(i), 1024);
        }
      } finally {
        released = true;
      }
    }
    const preview = await previewImport(upload(), { format, limit: 2 });
    expect(preview.rows).toEqual([
      { prompt: "p0", padding },
      { prompt: "p1", padding },
    ]);
    expect(pulled).toBeLessThan(100);
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(true);
  });

  it("reports fatal problems like the import does", async () => {
    expect((await fatal(previewImport(""))).code).toBe("empty");
  });
});
