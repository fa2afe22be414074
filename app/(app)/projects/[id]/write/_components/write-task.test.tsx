// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WriteTaskView } from "./write-task";

afterEach(cleanup);

const task = {
  assignmentId: "a1",
  prompt: { text: "Explain tides.", system: null },
  leasedUntil: new Date(Date.now() + 600_000).toISOString(),
  heldForMs: 600_000,
};

function renderTask(initialText: string) {
  const calls = { submitted: 0, refused: 0 };
  render(
    <QueryClientProvider client={new QueryClient()}>
      <WriteTaskView
        projectId="p1"
        task={task}
        guidelines=""
        minChars={5}
        busy={false}
        initialText={initialText}
        onTextChange={() => {}}
        onSubmit={() => calls.submitted++}
        onRefused={() => calls.refused++}
        onSkip={() => {}}
      />
    </QueryClientProvider>,
  );
  return calls;
}

describe("writing an answer", () => {
  it("says in plain words that an answer is too long, with its length, and does not send it", () => {
    const calls = renderTask("x".repeat(100_001));
    expect(screen.getByTestId("write-count").textContent).toBe("100,001 / 100,000 characters maximum: too long");
    fireEvent.click(screen.getByRole("button", { name: /Submit answer/ }));
    expect(screen.getByRole("alert").textContent).toBe("An answer is at most 100,000 characters; this one has 100,001");
    expect(calls).toEqual({ submitted: 0, refused: 1 });
  });

  it("counts characters, not UTF-16 units, against the maximum", () => {
    const calls = renderTask("🙂".repeat(100_000));
    expect(screen.getByTestId("write-count").textContent).toBe("100,000 / 5 characters minimum");
    fireEvent.click(screen.getByRole("button", { name: /Submit answer/ }));
    expect(calls).toEqual({ submitted: 1, refused: 0 });
  });
});
