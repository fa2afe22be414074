import { describe, expect, it } from "vitest";
import type { ImportPreviewView } from "@/lib/prompts/types";
import { initialMapping, mappingToSend } from "./mapping";

const preview = {
  columns: ["prompt", "id", "source", "meta", "meta.lang", "topic"],
  suggested: { prompts: { prompt: "prompt", externalId: "id" }, pairs: {} },
} as unknown as ImportPreviewView;

describe("the import mapping sent from the form", () => {
  it("sends the columns shown even when the admin keeps the suggestion, leaving every unread column kept", () => {
    expect(mappingToSend("prompts", initialMapping(preview, "prompts"), preview)).toEqual({
      prompt: "prompt",
      externalId: "id",
    });
    const pairs = { ...preview, suggested: { prompts: {}, pairs: { chosen: "chosen", rejected: "rejected" } } };
    expect(mappingToSend("pairs", initialMapping(pairs, "pairs"), pairs)).toEqual({
      chosen: "chosen",
      rejected: "rejected",
    });
  });

  it("lists the kept columns once a column is unticked or a nested path ticked", () => {
    const value = { ...initialMapping(preview, "prompts"), dropped: ["topic"], nested: ["meta.lang"] };
    expect(mappingToSend("prompts", value, preview)).toEqual({
      prompt: "prompt",
      externalId: "id",
      metadata: ["source", "meta", "meta.lang"],
    });
  });

  it("leaves a column out of the metadata once it holds a role", () => {
    const value = { ...initialMapping(preview, "prompts"), prompt: "topic", dropped: ["source"] };
    expect(mappingToSend("prompts", value, preview)).toMatchObject({
      prompt: "topic",
      metadata: ["prompt", "meta"],
    });
  });
});
