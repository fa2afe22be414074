import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChunkPreview } from "./chunk-preview";

describe("ChunkPreview", () => {
  it("labels each histogram bin with the lengths it counts, both ends included", () => {
    const chunk = { documentTitle: "Tides", index: 0, length: 600, text: "x".repeat(600) };
    const out = renderToStaticMarkup(
      <ChunkPreview
        preview={{
          documents: 1,
          droppedDocuments: 0,
          chunks: 1,
          histogram: [
            { from: 1, to: 540, count: 0 },
            { from: 541, to: 600, count: 1 },
          ],
          shortest: chunk,
          longest: chunk,
          examples: [],
        }}
      />,
    );
    expect(out).toContain("1–540");
    expect(out).toContain("541–600");
  });
});
