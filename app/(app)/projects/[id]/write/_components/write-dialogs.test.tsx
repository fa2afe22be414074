// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WriteSkipDialog } from "./write-dialogs";

afterEach(cleanup);

describe("the skip dialog", () => {
  it("says a begun answer is kept, and says nothing of it when none was begun", () => {
    render(<WriteSkipDialog draft onSkip={() => {}} onClose={() => {}} />);
    const dialog = screen.getByRole("dialog", { name: "Skip this prompt" });
    expect(dialog.textContent).toContain("The text you wrote is not submitted: it stays above the editor");
    cleanup();
    render(<WriteSkipDialog draft={false} onSkip={() => {}} onClose={() => {}} />);
    expect(screen.getByRole("dialog", { name: "Skip this prompt" }).textContent).not.toContain("text you wrote");
  });
});
