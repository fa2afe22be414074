import { describe, expect, it } from "vitest";
import { parseInline } from "./inline";
import { parseMarkdown } from "./parse";

const t = (text: string) => ({ type: "text", text });

describe("markdown subset", () => {
  it("parses headings, paragraphs, lists and fenced code", () => {
    const md =
      "# Rules\n\nPrefer the answer that\nis *correct*.\n\n- short\n- kind\n  and clear\n\n1. first\n2) second\n\n```\n<b>x</b>\n```";
    expect(parseMarkdown(md)).toEqual([
      { type: "heading", level: 1, children: [t("Rules")] },
      {
        type: "paragraph",
        children: [t("Prefer the answer that is "), { type: "em", children: [t("correct")] }, t(".")],
      },
      { type: "list", ordered: false, items: [[t("short")], [t("kind and clear")]] },
      { type: "list", ordered: true, items: [[t("first")], [t("second")]] },
      { type: "code", text: "<b>x</b>" },
    ]);
  });

  it("parses bold, italic, code spans and escapes, leaving snake_case alone", () => {
    expect(parseInline("**bold** and _it_ and `a*b*c` and snake_case_name and \\*literal\\*")).toEqual([
      { type: "strong", children: [t("bold")] },
      t(" and "),
      { type: "em", children: [t("it")] },
      t(" and "),
      { type: "code", text: "a*b*c" },
      t(" and snake_case_name and *literal*"),
    ]);
    expect(parseInline("*a **b** c*")).toEqual([
      { type: "em", children: [t("a "), { type: "strong", children: [t("b")] }, t(" c")] },
    ]);
    expect(parseInline("2 * 3 * 4 and **unclosed")).toEqual([t("2 * 3 * 4 and **unclosed")]);
  });

  it("keeps only http(s) links, dropping the target of any other", () => {
    expect(
      parseInline("[docs](https://example.org/a?b=1) and [**wiki**](https://en.wikipedia.org/wiki/Tie_(draw))"),
    ).toEqual([
      { type: "link", href: "https://example.org/a?b=1", children: [t("docs")] },
      t(" and "),
      {
        type: "link",
        href: "https://en.wikipedia.org/wiki/Tie_(draw)",
        children: [{ type: "strong", children: [t("wiki")] }],
      },
    ]);
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "/relative",
      " javascript:x",
    ]) {
      expect(parseInline(`[click](${bad})`)).toEqual([t("click")]);
    }
  });

  it("shows raw HTML as text", () => {
    expect(parseMarkdown('<img src=x onerror="alert(1)">')).toEqual([
      { type: "paragraph", children: [t('<img src=x onerror="alert(1)">')] },
    ]);
  });

  // Inputs that make backtracking parsers explode: a quadratic or worse parser does not finish
  // within the test's timeout, while a linear one takes milliseconds. No timing is asserted.
  it("finishes on hostile input", { timeout: 20_000 }, () => {
    const nested = parseMarkdown("*a [b `c _d ".repeat(4_000));
    expect(nested).toHaveLength(1);
    expect(parseMarkdown("**".repeat(25_000))).toHaveLength(1);
    const brackets = parseMarkdown("*".repeat(10) + "x" + "*".repeat(10) + " " + "[".repeat(20_000));
    expect(brackets).toHaveLength(1);
  });
});
