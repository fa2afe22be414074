import { describe, expect, it } from "vitest";
import { blockSpans, headingStarts } from "./blocks";

const kinds = (text: string) => blockSpans(text).map((b) => [b.kind, text.slice(b.start, b.end)]);

describe("blockSpans", () => {
  it("finds code, tables, headings and prose where the author wrote them, line endings as they are", () => {
    const text = [
      "# Title",
      "Intro line one.",
      "line two.",
      "",
      "~~~~",
      "# a comment, not a heading",
      "```",
      "~~~~",
      "| a | b |",
      "|---|---|",
      "| 1 | 2 |",
      "Setext title",
      "===",
      "- item",
      "a | b",
      "--- | ---",
      "x | y",
    ].join("\r\n");
    expect(kinds(text)).toEqual([
      ["heading", "# Title"],
      ["prose", "Intro line one.\r\nline two."],
      ["code", "~~~~\r\n# a comment, not a heading\r\n```\r\n~~~~"],
      ["table", "| a | b |\r\n|---|---|\r\n| 1 | 2 |"],
      ["heading", "Setext title\r\n==="],
      ["prose", "- item"],
      ["table", "a | b\r\n--- | ---\r\nx | y"],
    ]);
    expect(headingStarts(text)).toEqual([0, text.indexOf("Setext")]);
  });

  it("runs an unclosed code block to the end", () => {
    expect(kinds("Text.\n\n```py\nx = 1\n\n# Not a heading")).toEqual([
      ["prose", "Text."],
      ["code", "```py\nx = 1\n\n# Not a heading"],
    ]);
  });
});
