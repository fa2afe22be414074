import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PromptCard } from "./prompt-card";

const html = (text: string, system: string | null = null) =>
  renderToStaticMarkup(<PromptCard prompt={{ text, system }} />);

/** The element with this test id: its opening tag and its text, as the markup holds them. */
function element(out: string, testId: string) {
  const [, tag, text] = new RegExp(`(<p[^>]*data-testid="${testId}"[^>]*>)([\\s\\S]*?)</p>`).exec(out) ?? [];
  return { preWrap: tag?.includes("whitespace-pre-wrap"), dirAuto: tag?.includes('dir="auto"'), text };
}

describe("PromptCard", () => {
  it("shows the prompt as written: its line breaks kept, CRLF as one, no markdown formatting", () => {
    const out = html(
      "Poem:\nroses are red\nviolets are blue\r\nCRLF line\r\nsecond line\n\nUse *stars*, # and `ticks`.",
    );
    expect(element(out, "annotate-prompt")).toEqual({
      preWrap: true,
      dirAuto: true,
      text: "Poem:\nroses are red\nviolets are blue\nCRLF line\nsecond line\n\nUse *stars*, # and `ticks`.",
    });
    expect(out).not.toMatch(/<em>|<code/);
  });

  it("shows the system prompt with its line breaks too", () => {
    const out = html("Hi", "Be brief.\r\nAnswer in French.");
    expect(element(out, "annotate-system")).toEqual({
      preWrap: true,
      dirAuto: true,
      text: "Be brief.\nAnswer in French.",
    });
  });
});
