// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useStatus } from "./use-status";

afterEach(cleanup);

function Page() {
  const [status, say] = useStatus();
  return (
    <>
      <p role="status">{status}</p>
      <button onClick={() => say("Vote saved. Next pair shown.")}>Vote</button>
    </>
  );
}

describe("useStatus", () => {
  it("announces the same message again each time it is said", async () => {
    render(<Page />);
    const region = screen.getByRole("status");
    const vote = screen.getByRole("button", { name: "Vote" });
    act(() => vote.click());
    await waitFor(() => expect(region.textContent).toBe("Vote saved. Next pair shown."));

    // What a screen reader hears: each change of the region's text.
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(region.textContent ?? ""));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    act(() => vote.click());
    await waitFor(() => expect(heard.at(-1)).toBe("Vote saved. Next pair shown."));
    observer.disconnect();
    expect(heard[0]).toBe("");
  });
});
