import { describe, expect, it } from "vitest";
import { cliErrorDetail, emptyExportWarning, exportCommands, serverAddress, shellQuote } from "./cli-flags";

describe("the export commands shown on the Export page", () => {
  it("turns the page's query into the CLI's flags and a curl call, the token left to the shell", () => {
    const query =
      "format=orca&type=parquet&split=train&testFraction=0.2&seed=my+seed&sources=human,judge&metadata=true";
    const { cli, curl } = exportCommands("proj_1", query, "http://10.0.0.5:3000");
    expect(cli).toBe(
      "PAIRWISE_URL=http://10.0.0.5:3000 npm run export -- --project proj_1 --format orca --split train --test-fraction 0.2 " +
        "--seed 'my seed' --sources human,judge --metadata --out dataset.parquet",
    );
    expect(curl).toBe(
      `curl -fH "Authorization: Bearer $PAIRWISE_TOKEN" -o dataset.parquet 'http://10.0.0.5:3000/api/projects/proj_1/export?${query}'`,
    );
  });

  it("passes complete pairs only as the page set it, and nothing when left to the project's default", () => {
    expect(exportCommands("p", "format=trl&completeOnly=false", "http://h").cli).toBe(
      "PAIRWISE_URL=http://h npm run export -- --project p --format trl --no-complete-only --out dataset.jsonl",
    );
    expect(exportCommands("p", "format=trl&completeOnly=true", "http://h").cli).toBe(
      "PAIRWISE_URL=http://h npm run export -- --project p --format trl --complete-only --out dataset.jsonl",
    );
    expect(exportCommands("p", "format=trl", "http://h").cli).not.toContain("complete-only");
  });

  it("quotes what a shell would split or expand", () => {
    expect(shellQuote("cc-by-4.0")).toBe("cc-by-4.0");
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});

describe("the CLI's error lines", () => {
  it("names the flag, not the API option, and points at the flag a 404 is about", () => {
    const fields = (path: string, message: string) => ({ error: { message: "x", fields: [{ path, message }] } });
    expect(cliErrorDetail(422, fields("minVotes", "minVotes must be at most 100"))).toBe(
      "--min-votes must be at most 100",
    );
    expect(cliErrorDetail(422, fields("testFraction", "Give testFraction or testCount, not both"))).toBe(
      "--test-fraction: Give testFraction or testCount, not both",
    );
    expect(cliErrorDetail(404, { error: { code: "not_found", message: "Run not found" } })).toBe(
      "Run not found (check --run: an instruction run of this project)",
    );
    expect(cliErrorDetail(404, { error: { code: "not_found", message: "Project not found" } })).toBe(
      "Project not found (check --project)",
    );
    // Not Pairwise's answer (a --url with an extra path, another server): the address is wrong.
    const wrongUrl = " (check --url or PAIRWISE_URL: what answered is not Pairwise's API at that address)";
    expect(cliErrorDetail(404, { error: { message: "Unknown request URL: GET /v1/api/projects/p/export" } })).toBe(
      `Unknown request URL: GET /v1/api/projects/p/export${wrongUrl}`,
    );
    expect(cliErrorDetail(404, null, "Not Found")).toBe(`Not Found${wrongUrl}`);
    expect(cliErrorDetail(401, null, "Unauthorized")).toBe("Unauthorized (check PAIRWISE_TOKEN or --token)");
  });
});

describe("the CLI's warning for a file without rows", () => {
  it("names the options set, as flags, and why the server left rows out", () => {
    const query = new URLSearchParams("format=trl&minVotes=5&completeOnly=false&dedupe=true&type=jsonl");
    expect(emptyExportWarning("data.jsonl", query, { unlabelled: 3, tie: 1, flagged: 0 })).toBe(
      "warning: data.jsonl has no rows. Options set: --format trl, --min-votes 5, --no-complete-only, --dedupe." +
        " Left out: 3 no label yet, 1 tie.",
    );
    expect(emptyExportWarning("d.parquet", new URLSearchParams("type=parquet"), {})).toBe(
      "warning: d.parquet has no rows. Options set: none. No pair was left out by a filter: the project has none to export.",
    );
  });
});

describe("serverAddress", () => {
  it("takes an http(s) address without its trailing slash", () => {
    expect(serverAddress("http://localhost:3000/")).toEqual({ base: "http://localhost:3000" });
    expect(serverAddress("https://pairwise.example/team")).toEqual({ base: "https://pairwise.example/team" });
  });

  it("refuses a user name or password in the address, and never repeats it", () => {
    for (const raw of [
      "http://bob:SUPERSECRETPW@host:3000",
      "http://SUPERSECRETPW@host",
      "ftp://SUPERSECRETPW",
      "SUPERSECRETPW",
    ]) {
      const result = serverAddress(raw);
      expect(result).toHaveProperty("error");
      expect(JSON.stringify(result)).not.toContain("SUPERSECRETPW");
    }
  });
});
