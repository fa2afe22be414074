import { describe, expect, it } from "vitest";
import { cliErrorDetail, exportCommands, serverAddress, shellQuote } from "./cli-flags";

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
      "PAIRWISE_URL=http://h npm run export -- --project p --format trl --complete-only false --out dataset.jsonl",
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
    expect(cliErrorDetail(404, { error: { message: "Run not found" } })).toBe(
      "Run not found (check --run: an instruction run of this project)",
    );
    expect(cliErrorDetail(404, { error: { message: "Project not found" } })).toBe(
      "Project not found (check --project)",
    );
    expect(cliErrorDetail(401, null, "Unauthorized")).toBe("Unauthorized (check PAIRWISE_TOKEN or --token)");
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
