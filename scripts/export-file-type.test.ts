import { describe, expect, it } from "vitest";
import { exportFileType } from "./export-file-type";

describe("npm run export: file type", () => {
  it("takes the type from the --out extension when --type is not given", () => {
    expect(exportFileType("data.parquet", undefined, "trl")).toEqual({ type: "parquet" });
    expect(exportFileType("out/DATA.JSONL", undefined, undefined)).toEqual({ type: "jsonl" });
    expect(exportFileType("data", undefined, undefined)).toEqual({ type: "jsonl" });
  });

  it("accepts a --type the name agrees with, or says nothing about", () => {
    expect(exportFileType("data.parquet", "parquet", "orca")).toEqual({ type: "parquet" });
    expect(exportFileType("data.bin", "parquet", undefined)).toEqual({ type: "parquet" });
  });

  it("refuses a --type the --out extension contradicts, in one line naming both", () => {
    const r = exportFileType("data.jsonl", "parquet", "trl");
    expect(r).toEqual({ error: expect.stringContaining("--type parquet contradicts --out data.jsonl") });
    expect("error" in r && r.error).not.toContain("\n");
    expect(exportFileType("x.parquet", "jsonl", undefined)).toEqual({
      error: expect.stringContaining("--type jsonl contradicts --out x.parquet"),
    });
  });

  it("refuses a file type given as --format, pointing to --type", () => {
    expect(exportFileType("data.jsonl", undefined, "parquet")).toEqual({
      error: expect.stringContaining("use --type parquet"),
    });
  });
});
