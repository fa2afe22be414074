// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { emptyDraft } from "./draft-state";
import { PairView, type PairViewProps } from "./pair-view";
import type { AnnotationItem } from "./types";

afterEach(cleanup);

const noop = () => {};
const item = (n: number): AnnotationItem => ({
  assignmentId: `assignment-${n}`,
  pairId: `pair-${n}`,
  prompt: { text: `Question ${n}?`, system: null },
  left: { text: `Left ${n}` },
  right: { text: `Right ${n}` },
  leasedUntil: new Date(Date.now() + 600_000).toISOString(),
});
const props = (n: number, takeFocus: boolean): PairViewProps => ({
  item: item(n),
  draft: emptyDraft,
  diffOn: false,
  editFocus: 0,
  takeFocus,
  onChoose: noop,
  onStrength: noop,
  onFlag: noop,
  onRationale: noop,
  onPickEditSide: noop,
  onEditText: noop,
  onDiscardEdit: noop,
  onCancelAsk: noop,
  onSubmit: noop,
});

describe("PairView", () => {
  it("moves focus from the previous pair's controls to the new pair's prompt heading", () => {
    const { rerender } = render(<PairView {...props(1, false)} />);
    // Opening the page takes no focus.
    expect(document.activeElement).toBe(document.body);
    const flag = screen.getByRole("button", { name: "Harmful" });
    flag.focus();
    rerender(<PairView {...props(2, true)} />);
    const heading = screen.getByRole("heading", { name: "Prompt" });
    expect(document.activeElement).toBe(heading);
    expect(heading.tabIndex).toBe(-1);
    expect(screen.getByTestId("annotate-prompt").textContent).toBe("Question 2?");
  });
});
