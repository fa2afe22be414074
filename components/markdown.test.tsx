import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("Markdown rendering", () => {
  it("renders fenced code as pre/code, keeping its text and indentation verbatim", () => {
    const out = html("Try this:\n\n```python\ndef f(x):\n    return x * 2  # **not bold**\n```\n\nThen `f(2)`.");
    expect(out).toContain("<pre");
    expect(out).toContain("<code>def f(x):\n    return x * 2  # **not bold**</code>");
    expect(out).not.toContain("<strong>");
    expect(out).toContain("<code");
    expect(out).toMatch(/<p dir="auto">Then <code[^>]*>f\(2\)<\/code>\.<\/p>/);
  });

  it("renders headings, lists, emphasis and http links", () => {
    const out = html("# Title\n\n- **one**\n- *two*\n\n[site](https://example.org)");
    expect(out).toMatch(/<h3[^>]*>Title<\/h3>/);
    expect(out).toContain('<li dir="auto"><strong>one</strong></li>');
    expect(out).toContain('<li dir="auto"><em>two</em></li>');
    expect(out).toContain('href="https://example.org/"');
  });

  it("lets each paragraph, heading and list item take the direction of its own text", () => {
    const out = html("# כותרת\n\nHello!\n\nשלום עולם 123!\n\n- אחד\n- two");
    expect(out).toMatch(/<h3 dir="auto"[^>]*>כותרת<\/h3>/);
    expect(out).toContain('<p dir="auto">Hello!</p>');
    expect(out).toContain('<p dir="auto">שלום עולם 123!</p>');
    expect(out).toMatch(/<ul dir="auto"[^>]*><li dir="auto">אחד<\/li><li dir="auto">two<\/li><\/ul>/);
  });

  it("shows script tags, event handlers and javascript: links as inert text", () => {
    const out = html(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n```\n<script>alert(2)</script>\n```",
    );
    expect(out).not.toMatch(/<script|<img|href=/i);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(out).toContain('<p dir="auto">x</p>');
  });

  it("with breaks (answers), keeps single newlines and CRLF as one line break each, markdown still applying", () => {
    const out = renderToStaticMarkup(
      <Markdown source={"Poem:\nroses are *red*\r\nviolets are blue\n\n- one\n  two"} breaks />,
    );
    expect(out).toContain('<p dir="auto">Poem:<br/>roses are <em>red</em><br/>violets are blue</p>');
    expect(out).toContain('<li dir="auto">one<br/>two</li>');
    // Guidelines keep markdown's joining of wrapped lines.
    expect(html("one\ntwo")).toContain('<p dir="auto">one two</p>');
  });
});
