// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WaitingVotesNotice } from "./session-notices";

afterEach(cleanup);

describe("WaitingVotesNotice", () => {
  it("says how many votes wait, in a region that stays, and offers to try now", () => {
    let tries = 0;
    const { rerender } = render(<WaitingVotesNotice count={0} onRetry={() => tries++} />);
    const region = screen.getByRole("status");
    expect(region.textContent).toBe("");
    rerender(<WaitingVotesNotice count={2} onRetry={() => tries++} />);
    expect(screen.getByRole("status")).toBe(region);
    expect(region.textContent).toContain("2 votes are not saved yet: the server could not be reached.");
    act(() => screen.getByRole("button", { name: "Try now" }).click());
    expect(tries).toBe(1);
    rerender(<WaitingVotesNotice count={1} onRetry={() => tries++} />);
    expect(region.textContent).toContain("1 vote is not saved yet");
  });
});
