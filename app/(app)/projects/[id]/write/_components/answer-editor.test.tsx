// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { AnswerEditor } from "./answer-editor";

afterEach(cleanup);

function Editor({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return <AnswerEditor value={value} onChange={setValue} preview={false} onPreviewChange={() => {}} minChars={5} />;
}

const editorAt = (text: string, caret: number) => {
  render(<Editor initial={text} />);
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Answer (markdown)" });
  box.focus();
  box.setSelectionRange(caret, caret);
  return box;
};

describe("the answer editor", () => {
  it("indents at the caret on Tab instead of moving focus out of the answer", () => {
    const box = editorAt("def f():\nreturn 1", 9);
    // fireEvent returns false when the handler kept the browser from moving focus.
    expect(fireEvent.keyDown(box, { key: "Tab" })).toBe(false);
    expect(box.value).toBe("def f():\n\treturn 1");
    expect(box.selectionStart).toBe(10);
    expect(document.activeElement).toBe(box);
  });

  it("takes one indent off the caret's line on Shift+Tab, and nothing when the line has none", () => {
    const box = editorAt("a\n\t\tb", 5);
    expect(fireEvent.keyDown(box, { key: "Tab", shiftKey: true })).toBe(false);
    expect(box.value).toBe("a\n\tb");
    expect(box.selectionStart).toBe(4);
    fireEvent.keyDown(box, { key: "Tab", shiftKey: true });
    expect(box.value).toBe("a\nb");
    expect(fireEvent.keyDown(box, { key: "Tab", shiftKey: true })).toBe(false);
    expect(box.value).toBe("a\nb");
  });

  it("tells how to leave the editor", () => {
    const box = editorAt("", 0);
    expect(box.getAttribute("aria-describedby")).toBe("write-help");
    expect(document.getElementById("write-help")?.textContent).toContain("press Esc, then Tab");
  });
});
