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
    expect(cleanText).toBe("A heading\n\nIt’s a test & more — café.\nSecond line.\n\nBlock inline\n\nOne\n\nTwo");
  });

  it("takes the first h1 as an HTML title without <title>, else the file name", () => {
    expect(cleanDocument("HTML", "<h1>First <em>one</em></h1><h1>Second</h1><p>x</p>", "f.html").title).toBe(
      "First one",
    );
    expect(cleanDocument("HTML", "<p>Just text</p>", "f.html").title).toBe("f.html");
  });

  it("keeps the text of markdown and drops its markup", () => {
    const md = [
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
    const { cleanText, title } = cleanDocument("MARKDOWN", md, "a.md");
    expect(title).toBe("The title");
    expect(cleanText).toBe(
      "The title\n\nSome bold, emphasis, a link text and code. A wrapped line.\n\nA quote.\n\nitem one\nitem two\n\nconst x = 1;",
    );
  });

  it("normalises whitespace and keeps punctuation, apostrophes, quotes and non-ASCII", () => {
    expect(normalizeWhitespace("  It's \t “quoted”  —  ça va?\r\n\r\n\r\n\r\nNext  line!  \n")).toBe(
      "It's “quoted” — ça va?\n\nNext line!",
    );
    const { cleanText, title } = cleanDocument("TEXT", "Plain   text.\n\n\n\nSecond.", "notes.txt");
    expect([cleanText, title]).toEqual(["Plain text.\n\nSecond.", "notes.txt"]);
  });

  it("knows formats by file name", () => {
    expect(["a.txt", "b.MD", "c.markdown", "d.html", "e.HTM", "f.zip", "g.pdf", "noext"].map(formatOfFileName)).toEqual(
      ["TEXT", "MARKDOWN", "MARKDOWN", "HTML", "HTML", "zip", null, null],
    );
  });
});
