import { describe, expect, it } from "vitest";
import { normalizePrompt, pairKey, promptKey } from "./normalize";

describe("normalizePrompt / promptKey", () => {
  it("applies NFC, trims and collapses whitespace", () => {
    expect(normalizePrompt("  Hello\t\n  world \u00a0 !  ")).toBe("Hello world !");
    expect(normalizePrompt("cafe\u0301")).toBe("caf\u00e9");
  });

  it("gives the same key to prompts differing only in whitespace or composition", () => {
    expect(promptKey("Hello  world")).toBe(promptKey("\nHello world\r\n"));
    expect(promptKey("cafe\u0301")).toBe(promptKey("caf\u00e9"));
    expect(promptKey("Hello world")).not.toBe(promptKey("hello world"));
    expect(promptKey("a")).toMatch(/^[0-9a-f]{64}$/);
    // sha256("a"), so other code (or SQL) can compute the same key.
    expect(promptKey(" a ")).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
  });

  it("keys pairs by prompt, chosen and rejected", () => {
    expect(pairKey("p", "c", "r")).toBe(pairKey(" p", "c ", "r\n"));
    expect(pairKey("p", "c", "r")).not.toBe(pairKey("p", "r", "c"));
    expect(pairKey("p", "c", "r")).not.toBe(pairKey("p", "c", "r2"));
  });
});
