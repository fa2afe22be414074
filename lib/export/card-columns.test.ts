import { describe, expect, it } from "vitest";
import { CandidateSource } from "@/lib/generated/prisma/enums";
import { columnMeaning } from "./card-columns";

describe("the dataset card's columns", () => {
  it("lists every value the source columns can hold, documents' extracts included", () => {
    for (const column of ["source", "rejected_source"]) {
      const meaning = columnMeaning(column, { format: "trl" });
      // The export writes the candidate's source in lower case (lib/export/formats.ts).
      for (const value of Object.values(CandidateSource)) expect(meaning, column).toContain(`${value.toLowerCase()} (`);
      expect(meaning).toContain(
        "document (an extract copied word for word from an author's document: of a text or markdown file, its characters as uploaded",
      );
    }
    expect(columnMeaning("source", { format: "sft", items: true })).toBe(
      "document: the row comes from an author's document",
    );
  });

  it("describes an instruction run's items in the SFT formats for TRL as the sft format does", () => {
    const items = (column: string, format: "sft" | "sft_trl" | "sft_conversational") =>
      columnMeaning(column, { format, items: true });
    expect(items("prompt", "sft_trl")).toBe(items("instruction", "sft"));
    expect(items("completion", "sft_trl")).toBe(items("output", "sft"));
    expect(items("messages", "sft_conversational")).toBe(
      "the conversation, as a list of messages ({role, content}): " +
        `${items("instruction", "sft")} (user), then ${items("output", "sft")} (assistant)`,
    );
  });
});
