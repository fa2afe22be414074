import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChunkList } from "./document-viewer";

describe("ChunkList", () => {
  it("shows each chunk's text, with what it repeats from the chunk before set apart", () => {
    const text = "One. Two. Three. Four.";
    const out = renderToStaticMarkup(
      <ChunkList
        text={text}
        chunks={[
          { index: 0, start: 0, end: 9 },
          { index: 1, start: 5, end: 22 },
        ]}
      />,
    );
    expect(out).toContain("Chunks under the current settings (2)");
    expect(out).toContain("Chunk 1 · 9 characters");
    expect(out).toContain("Chunk 2 · 17 characters · starts with the end of the chunk before");
    expect(out).toMatch(/<span class="bg-amber-100"[^>]*>Two\.<\/span> Three\. Four\./);
  });

  it("says why a document has no chunk", () => {
    expect(renderToStaticMarkup(<ChunkList text="Short." chunks={[]} />)).toContain("shorter than the minimum");
  });
});
