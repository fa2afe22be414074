import { afterEach, describe, expect, it } from "vitest";
import { newVoteId } from "./vote-id";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("vote ids", () => {
  // randomUUID lives on Crypto.prototype: shadowing it on the instance and deleting it restores it.
  afterEach(() => void delete (crypto as { randomUUID?: unknown }).randomUUID);

  it("are v4 UUIDs, also where crypto.randomUUID is missing (plain http)", () => {
    expect(newVoteId()).toMatch(V4);
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    const ids = new Set(Array.from({ length: 100 }, newVoteId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(V4);
  });
});
