import { describe, expect, it } from "vitest";
import { detectFormat, parseImportFormat, unsupportedFileMessage } from "./detect-format";
import { ImportFormatError } from "./errors";

describe("detectFormat", () => {
  it("goes by extension first", () => {
    expect(detectFormat("a.jsonl", "whatever")).toBe("jsonl");
    expect(detectFormat("A.NDJSON", "")).toBe("jsonl");
    expect(detectFormat("a.json", "[\n")).toBe("json");
    expect(detectFormat("a.csv", "{}")).toBe("csv");
    expect(detectFormat("notes.txt", "prompt,chosen\n")).toBe("text");
  });

  it("reads a .json file holding one object per line as JSONL", () => {
    expect(detectFormat("data.json", '{"prompt":"a"}\n{"prompt":"b"}\n')).toBe("jsonl");
    expect(detectFormat("data.json", '{\n  "items": []\n}')).toBe("json");
  });

  it("sniffs the first non-blank characters otherwise", () => {
    expect(detectFormat(undefined, '\n\n  [{"a":1}]')).toBe("json");
    expect(detectFormat("upload.bin", ' {"a":1}\n')).toBe("jsonl");
    expect(detectFormat(undefined, "prompt,system,id\nhello,,1\n")).toBe("csv");
    expect(detectFormat(undefined, '"prompt","meta.source"\n')).toBe("csv");
    expect(detectFormat(undefined, "Write a poem, about cats\nAnother prompt\n")).toBe("text");
    expect(detectFormat(undefined, "What is 2+2?\n")).toBe("text");
  });

  it("refuses spreadsheet and binary formats by name", () => {
    expect(() => detectFormat("data.xlsx", "")).toThrow(ImportFormatError);
    expect(() => detectFormat("Data.XLS", "")).toThrow("Excel files are not supported: save as CSV.");
    expect(unsupportedFileMessage("sheet.ods")).toBe("OpenDocument spreadsheets are not supported: save as CSV.");
    expect(unsupportedFileMessage("prompts.csv")).toBeNull();
    expect(unsupportedFileMessage(undefined)).toBeNull();
    expect(() => detectFormat("data.parquet", "")).toThrow(/\.parquet files cannot be imported/);
  });

  it("validates a format name from outside", () => {
    expect(parseImportFormat("csv")).toBe("csv");
    expect(() => parseImportFormat("xml")).toThrow(/Unknown format "xml"/);
  });
});
