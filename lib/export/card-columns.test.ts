import { describe, expect, it } from "vitest";
import { CandidateSource } from "@/lib/generated/prisma/enums";
import { columnMeaning } from "./card-columns";

describe("the dataset card's columns", () => {
  it("lists every value the source columns can hold, documents' extracts included", () => {
    for (const column of ["source", "rejected_source"]) {
      const meaning = columnMeaning(column, "trl");
      // The export writes the candidate's source in lower case (lib/export/formats.ts).
      for (const value of Object.values(CandidateSource)) expect(meaning, column).toContain(`${value.toLowerCase()} (`);
      expect(meaning).toContain(
        "document (an extract copied word for word from an author's document: of a text or markdown file, its characters as uploaded",
      );
    }
    expect(columnMeaning("source", "sft", true)).toBe("document: the row comes from an author's document");
  });
});
