import { describe, expect, it } from "vitest";
import { queryOfFlags } from "@/lib/export/cli-flags";
import { EXPORT_OPTIONS, parseExportArgs, usage } from "./export-args";

describe("npm run export: command line", () => {
  it("lists every option it takes in --help", () => {
    for (const name of Object.keys(EXPORT_OPTIONS)) expect(usage, name).toContain(`--${name}`);
  });

  it("takes --complete-only bare like the other switches, and --no-complete-only for false", () => {
    const query = (...argv: string[]) => queryOfFlags(parseExportArgs(argv)).toString();
    expect(query("--complete-only", "--out", "x.jsonl", "--dedupe")).toBe("dedupe=true&completeOnly=true");
    expect(query("--no-complete-only", "--format", "orca")).toBe("format=orca&completeOnly=false");
    // Left out, the server decides from the project's overlap.
    expect(query("--format", "trl")).toBe("format=trl");
  });
});
