import { describe, expect, it } from "vitest";
import { holdsJsonObject, jsonText } from "./json-reply";

const item = { instruction: "How is the block written?", extract: "```python\nclass Block:\n    pass\n```" };
const object = JSON.stringify({ items: [item] });

describe("jsonText", () => {
  it("reads an object whose strings quote a markdown code block", () => {
    expect(JSON.parse(jsonText(object)!)).toEqual({ items: [item] });
    expect(JSON.parse(jsonText(JSON.stringify({ items: [item] }, null, 2))!)).toEqual({ items: [item] });
  });

  it("reads the object inside a fence, with words around it, even when its strings quote code", () => {
    const reply = `Here are the items:\n\n\`\`\`json\n${object}\n\`\`\`\n\nI hope they help.`;
    expect(JSON.parse(jsonText(reply)!)).toEqual({ items: [item] });
    expect(JSON.parse(jsonText('```\n{"a": 1}\n```')!)).toEqual({ a: 1 });
  });

  it("reads an object among words, or a fence on one line, from its first { to its last }", () => {
    expect(jsonText('Sure: {"a": 1} done')).toBe('{"a": 1}');
    expect(jsonText('```json {"a": 1}```')).toBe('{"a": 1}');
    expect(jsonText("no object here")).toBeNull();
    expect(holdsJsonObject("[1, 2]")).toBe(false);
  });
});
