import { describe, expect, it } from "vitest";
import { holdState, nextHoldChange, renewDue } from "./hold";

describe("a writer's hold on a prompt", () => {
  it("renews while the text changes, at most once a minute", () => {
    expect(renewDue(0, 59_999)).toBe(false);
    expect(renewDue(0, 60_000)).toBe(true);
  });

  it("warns a minute before the hold lapses, then says it lapsed", () => {
    const deadline = 600_000;
    expect(holdState(deadline, 539_999)).toBe("held");
    expect(nextHoldChange(deadline, 0)).toBe(540_000);
    expect(holdState(deadline, 540_000)).toBe("ending");
    expect(nextHoldChange(deadline, 540_000)).toBe(600_000);
    expect(holdState(deadline, 600_000)).toBe("lapsed");
    expect(nextHoldChange(deadline, 600_000)).toBeNull();
  });
});
