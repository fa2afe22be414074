import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFetch, isSessionEnded } from "./client";
import { sessionEndReason, sessionHasEnded } from "./session-ended";

const answer = (status: number, code: string) =>
  vi.fn(async () => Response.json({ error: { code, message: "Refused" } }, { status }));

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch and an ended session", () => {
  it("marks the page signed out on a 401 unauthorized, and on nothing else", async () => {
    // The mark lasts as long as the page (this module): the refusals that must not set it come first.
    for (const [status, code] of [
      [403, "forbidden"],
      [401, "invalid_token"],
      [500, "internal"],
    ] as const) {
      vi.stubGlobal("fetch", answer(status, code));
      const err = await apiFetch("/api/x").catch((e: unknown) => e);
      expect(isSessionEnded(err)).toBe(false);
      expect(sessionHasEnded()).toBe(false);
    }
    vi.stubGlobal("fetch", answer(401, "unauthorized"));
    const err = await apiFetch("/api/x", { method: "POST", json: {} }).catch((e: unknown) => e);
    expect(isSessionEnded(err)).toBe(true);
    expect(sessionHasEnded()).toBe(true);
    expect(sessionEndReason()).toBe("ended");
  });

  it("tells a deactivated account from an ended session", async () => {
    vi.stubGlobal("fetch", answer(401, "account_deactivated"));
    const err = await apiFetch("/api/x").catch((e: unknown) => e);
    expect(isSessionEnded(err)).toBe(true);
    expect(sessionEndReason()).toBe("deactivated");
  });
});
