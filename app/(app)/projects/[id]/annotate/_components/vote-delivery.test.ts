import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/api/client";
import { createWaker, isTransient, refusedVoteMessage, sendUntilAnswered } from "./vote-delivery";

const noWait = () => Promise.resolve();

describe("sending a vote", () => {
  it("keeps sending through network failures and server errors until the server stores it", async () => {
    const failures: unknown[] = [
      ...Array.from({ length: 9 }, () => new TypeError("Failed to fetch")),
      new ApiClientError(503, "http_error", "Request failed (503)"),
      new ApiClientError(429, "rate_limited", "Too many requests"),
      new ApiClientError(408, "http_error", "Request failed (408)"),
    ];
    let attempts = 0;
    const seen: unknown[] = [];
    const stored = await sendUntilAnswered(
      async () => {
        const failure = failures[attempts++];
        if (failure) throw failure;
        return "stored";
      },
      noWait,
      (err) => seen.push(err),
    );
    expect(stored).toBe("stored");
    expect(attempts).toBe(13);
    expect(seen).toEqual(failures);
  });

  it("stops at the server's refusal and names the pair in plain words", async () => {
    const refusal = new ApiClientError(
      409,
      "lease_expired",
      "Your time on this pair ran out and it went to someone else",
    );
    expect(isTransient(refusal)).toBe(false);
    let attempts = 0;
    const sent = sendUntilAnswered(
      async () => {
        attempts++;
        throw refusal;
      },
      noWait,
      () => {},
    );
    await expect(sent).rejects.toBe(refusal);
    expect(attempts).toBe(1);
    expect(refusedVoteMessage("How do I  reverse a linked list in place without extra memory?", refusal)).toBe(
      "Your vote on the pair “How do I reverse a linked list in …” was not saved: " +
        "Your time on this pair ran out and it went to someone else.",
    );
  });

  it("says a pair voted on in another tab of the same annotator was already voted on", () => {
    const message = refusedVoteMessage("Summarise", new ApiClientError(409, "already_voted", "You already voted"));
    expect(message).toBe(
      "The pair “Summarise” was already voted on in another tab or window of yours; this tab moved on to the next pair.",
    );
  });

  it("cuts a wait short when asked to try now", async () => {
    const waker = createWaker();
    const waited = waker.sleep(3_600_000);
    waker.wake();
    await expect(waited).resolves.toBeUndefined();
  });
});
