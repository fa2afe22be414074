import { describe, expect, it } from "vitest";
import { usePromptsSchema } from "./use-as-prompts";

describe("using an instruction run's instructions as prompts", () => {
  it("names a new project under the rule Settings saves it with", () => {
    // A longer name was accepted here, and the new project's Settings then refused every save.
    const long = usePromptsSchema.safeParse({ newProjectName: "N".repeat(121) });
    expect(long.success).toBe(false);
    expect(JSON.stringify(long.error?.issues)).toContain("Name must be at most 120 characters");
    expect(usePromptsSchema.parse({ newProjectName: ` ${"N".repeat(120)} ` })).toEqual({
      newProjectName: "N".repeat(120),
    });
  });
});
