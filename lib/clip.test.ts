import { describe, expect, it } from "vitest";
import { clip, excerpt } from "./clip";

describe("clip", () => {
  it("never cuts a character in half, and leaves a short text as it is", () => {
    const text = "ab😀c"; // 😀 is two UTF-16 units, at 2 and 3
    expect(clip(text, 3)).toBe("ab");
    expect(clip(text, 4)).toBe("ab😀");
    expect(clip(text, 2)).toBe("ab");
    expect(clip(text, 10)).toBe(text);
    for (let max = 0; max <= text.length; max++) expect(clip(text, max).isWellFormed()).toBe(true);
    expect(excerpt("😀😀😀", 3)).toBe("😀…");
    expect(excerpt("short", 5)).toBe("short");
  });
});
