import { describe, expect, it } from "vitest";
import { EXPORT_FORMATS } from "@/lib/export/options";
import { exportFileType } from "./export-file-type";
import { usage } from "./export-args";

describe("npm run export: the formats it names", () => {
  it("lists every export format in --help, and which ones TRL's SFTTrainer reads", () => {
    expect(usage).toContain(`--format ${EXPORT_FORMATS.join("|")}\n`);
    expect(usage).toContain("for TRL's SFTTrainer: sft_trl or sft_conversational");
    expect(EXPORT_FORMATS).toEqual(expect.arrayContaining(["sft_trl", "sft_conversational"]));
  });

  it("lists every export format when a file type is given as --format", () => {
    expect(exportFileType("data.jsonl", undefined, "parquet")).toEqual({
      error: `--format parquet is a file type: use --type parquet (--format is ${EXPORT_FORMATS.join(", ")})`,
    });
  });
});
