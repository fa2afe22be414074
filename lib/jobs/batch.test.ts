import { describe, expect, it } from "vitest";
import { batched } from "./batch";

describe("batched", () => {
  it("runs one flush at a time and gathers what arrives meanwhile into the next", async () => {
    const flushes: number[][] = [];
    const release: (() => void)[] = [];
    const add = batched<number>(
      (items) => {
        flushes.push(items);
        return new Promise<void>((resolve) => release.push(resolve));
      },
      { waitMs: 1, max: 10 },
    );
    const first = add(1);
    await expect.poll(() => flushes.length).toBe(1);
    const later = [add(2), add(3)];
    await new Promise((r) => setTimeout(r, 20));
    expect(flushes).toEqual([[1]]); // the first flush has not finished: nothing else starts
    release[0]!();
    await first;
    await expect.poll(() => flushes.length).toBe(2);
    expect(flushes[1]).toEqual([2, 3]);
    release[1]!();
    await Promise.all(later);
  });

  it("rejects the items of a failed flush and goes on with the next", async () => {
    let calls = 0;
    const add = batched<number>(async () => {
      if (calls++ === 0) throw new Error("stalled");
    });
    await expect(add(1)).rejects.toThrow("stalled");
    await expect(add(2)).resolves.toBeUndefined();
  });
});
