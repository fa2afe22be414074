import { describe, expect, it } from "vitest";
import { skipReason } from "./skip-dialog";

describe("skip reason", () => {
  it("sends the preset, with details appended when given", () => {
    expect(skipReason("The prompt is unclear", "  ")).toBe("The prompt is unclear");
    expect(skipReason("The prompt is unclear", " asks two things ")).toBe("The prompt is unclear: asks two things");
  });

  it("needs details for Other, and stays within the server's 500 characters", () => {
    expect(skipReason("Other", " ")).toBeNull();
    expect(skipReason("Other", "not English")).toBe("not English");
    expect(skipReason("The answers are the same", "x".repeat(600))).toHaveLength(500);
  });
});
