import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PromptCard } from "./prompt-card";

const html = (text: string, system: string | null = null) =>
  renderToStaticMarkup(<PromptCard prompt={{ text, system }} />);

describe("PromptCard", () => {
  it("renders the prompt's markdown like the answers, under the card's own heading", () => {
    const out = html("Fix this:\n\n```js\nconst a = 1 **2;\n```\n\n- keep **names**\n- no `eval`\n\n# Output");
    expect(out).toContain("<code>const a = 1 **2;</code>");
    expect(out).toContain("<li>keep <strong>names</strong></li>");
    expect(out).toMatch(/<li>no <code[^>]*>eval<\/code><\/li>/);
    expect(out).toMatch(/<h3[^>]*>Output<\/h3>/);
  });
});
