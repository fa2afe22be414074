import { describe, expect, it } from "vitest";
import { cleanDocument, formatOfFileName } from "./clean";
import { normalizeWhitespace } from "./whitespace";

const page = `<!doctype html>
<html><head><title>The  Author&#39;s   page</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
  <header><a href="/">Home</a></header>
  <nav><ul><li>Menu item</li></ul></nav>
  <main>
    <h1>A heading</h1>
    <p>It&rsquo;s   a <b>test</b> &amp; more &mdash; caf&eacute;.<br>Second line.</p>
    <div>Block<span> inline</span></div>
    <ul><li>One</li><li>Two</li></ul>
    <form><label>Email</label><input value="x"><button>Send</button></form>
  </main>
  <aside>Related posts</aside>
  <footer>© footer</footer>
  <script>alert("hi")</script>
</body></html>`;

describe("cleaning", () => {
  it("turns HTML into text: scripts, styles, navigation and forms gone, entities decoded, blocks as paragraphs", () => {
    const { cleanText, title } = cleanDocument("HTML", page, "page.html");
    expect(title).toBe("The Author's page");
    expect(cleanText).toBe("# A heading\n\nIt’s a test & more — café.\nSecond line.\n\nBlock inline\n\nOne\n\nTwo");
  });

  it("keeps HTML code as written, as a fenced block, and marks headings as markdown does", () => {
    const html =
      "<h2>Training  loop</h2><p>Run   it.</p><pre><code>def step(x):\n    # loss. Then back.\n\n\n\treturn  x\n</code></pre><pre></pre><p>After.</p>";
    expect(cleanDocument("HTML", html, "c.html").cleanText).toBe(
      "## Training loop\n\nRun it.\n\n```\ndef step(x):\n    # loss. Then back.\n\n\n\treturn  x\n```\n\nAfter.",
    );
  });

  it("takes the first h1 as an HTML title without <title>, else the file name", () => {
    expect(cleanDocument("HTML", "<h1>First <em>one</em></h1><h1>Second</h1><p>x</p>", "f.html").title).toBe(
      "First one",
    );
    expect(cleanDocument("HTML", "<p>Just text</p>", "f.html").title).toBe("f.html");
  });

  it("cuts a long title before a character it would split in half", () => {
    const title = cleanDocument("MARKDOWN", `# ${"t".repeat(299)}😀 more\n\nText.`, "f.md").title;
    expect(title).toBe("t".repeat(299));
  });

  it("keeps markdown as written, markup included, without its front matter; the title loses the marks", () => {
    const body = [
      "# The *title*",
      "",
      "Some **bold**, _emphasis_, a [link text](https://example.com) and `code`.",
      "A wrapped line.",
      "",
      "> A quote.",
      "",
      "- item one",
      "- item two",
      "",
      "```",
      "const x = 1;",
      "```",
    ].join("\n");
    const md = `\uFEFF---\ntitle: Ignored\ntags: [a, b]\n---\n\n${body}\n\n`;
    const { cleanText, title } = cleanDocument("MARKDOWN", md, "a.md");
    expect(title).toBe("The title");
    expect(cleanText).toBe(body);
    // A document opening with a rule has no front matter.
    expect(cleanDocument("MARKDOWN", "---\n\nText.\n\n---\n", "b.md").cleanText).toBe("---\n\nText.\n\n---");
  });

  it("keeps the author's whitespace: code indentation, table rows, no-break spaces, tabs, CRLF", () => {
    const md = [
      "## Memory",
      "",
      "Use\u00a0`torch.no_grad()`  when  you\tcan.",
      "",
      "| Model | Memory (GB) |",
      "|-------|-------------|",
      "| 7B    | 14          |",
      "",
      "```python",
      "class Block(torch.nn.Module):",
      "    def forward(self, x):",
      "",
      "        return x  # keep.  Then done.",
      "```",
    ].join("\r\n");
    for (const format of ["MARKDOWN", "TEXT"] as const) {
      const { cleanText } = cleanDocument(format, `\n  \n${md}\r\n\r\n`, "m.md");
      expect(cleanText).toBe(md);
    }
  });

  it("takes away only blank lines at the end: the last line keeps its trailing spaces", () => {
    for (const format of ["MARKDOWN", "TEXT"] as const) {
      expect(cleanDocument(format, "I typed it.   \n", "t.txt").cleanText).toBe("I typed it.   ");
      expect(cleanDocument(format, "I typed it.\t \r\n  \r\n\t\n", "t.txt").cleanText).toBe("I typed it.\t ");
      expect(cleanDocument(format, "\uFEFFI typed it.  ", "t.txt").cleanText).toBe("I typed it.  ");
      expect(cleanDocument(format, " \n\t\r\n", "t.txt").cleanText).toBe("");
    }
  });

  it("normalises the whitespace of HTML text and keeps punctuation, apostrophes, quotes and non-ASCII", () => {
    expect(normalizeWhitespace("  It's \t “quoted”  —  ça va?\r\n\r\n\r\n\r\nNext  line!  \n")).toBe(
      "It's “quoted” — ça va?\n\nNext line!",
    );
  });

  it("knows formats by file name", () => {
    expect(["a.txt", "b.MD", "c.markdown", "d.html", "e.HTM", "f.zip", "g.pdf", "noext"].map(formatOfFileName)).toEqual(
      ["TEXT", "MARKDOWN", "MARKDOWN", "HTML", "HTML", "zip", null, null],
    );
  });
});
