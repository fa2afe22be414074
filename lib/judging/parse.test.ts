import { describe, expect, it } from "vitest";
import { parseVerdict } from "./parse";
import { buildJudgePrompt, buildRepairPrompt } from "./prompt";
import { DEFAULT_RUBRIC, rubricFor } from "./rubric";

describe("judge prompt", () => {
  const input = {
    instruction: "Add 2 and 2.",
    system: "Answer briefly.",
    first: "It is 4.",
    second: "It is 5.",
    rubric: "Be strict.",
  };

  it("shows the system prompt, the instruction, both answers by position, the rubric and the JSON shape", () => {
    const [system, user] = buildJudgePrompt(input);
    expect(system!.role).toBe("system");
    expect(system!.content).toContain("Be strict.");
    expect(system!.content).toContain('"winner": "A" | "B" | "tie"');
    expect(user!.content).toContain("<system_prompt>\nAnswer briefly.\n</system_prompt>");
    expect(user!.content).toContain("<instruction>\nAdd 2 and 2.\n</instruction>");
    expect(user!.content.indexOf("<answer_a>\nIt is 4.\n</answer_a>")).toBeLessThan(
      user!.content.indexOf("<answer_b>\nIt is 5.\n</answer_b>"),
    );
    expect(buildJudgePrompt({ ...input, system: null })[1]!.content).not.toContain("system_prompt");
  });

  it("asks for a repair with the bad reply and what was wrong", () => {
    const messages = buildJudgePrompt(input);
    const repair = buildRepairPrompt(messages, "{oops", "not valid JSON");
    expect(repair.slice(0, 2)).toEqual(messages);
    expect(repair[2]).toEqual({ role: "assistant", content: "{oops" });
    expect(repair[3]!.content).toContain("not valid JSON");
  });

  it("uses the default rubric when the project has none", () => {
    expect(rubricFor(null)).toBe(DEFAULT_RUBRIC);
    expect(rubricFor("  ")).toBe(DEFAULT_RUBRIC);
    expect(rubricFor("Mine")).toBe("Mine");
  });
});

describe("verdict parser", () => {
  const ok = { winner: "A", score_a: 8, score_b: 3, rationale: "A is right." };

  it("reads a bare JSON object, one in a ```json fence, or one amid prose", () => {
    expect(parseVerdict(JSON.stringify(ok))).toEqual({ ok: true, verdict: ok });
    expect(parseVerdict("```json\n" + JSON.stringify(ok, null, 2) + "\n```")).toEqual({ ok: true, verdict: ok });
    expect(parseVerdict(`My verdict: ${JSON.stringify({ ...ok, winner: "Tie" })} done.`)).toEqual({
      ok: true,
      verdict: { ...ok, winner: "tie" },
    });
    expect(parseVerdict(JSON.stringify({ ...ok, winner: " b " }))).toMatchObject({
      ok: true,
      verdict: { winner: "B" },
    });
  });

  it("names what is wrong", () => {
    expect(parseVerdict("I prefer A.")).toEqual({ ok: false, error: "no JSON object found" });
    expect(parseVerdict('{"winner": "A", "score_a": 8')).toMatchObject({ ok: false, error: "no JSON object found" });
    expect(parseVerdict('{"winner": "A", "score_a": 8,}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not valid JSON/),
    });
    const bad = parseVerdict(JSON.stringify({ winner: "C", score_a: 11, score_b: 2.5 }));
    expect(bad).toEqual({
      ok: false,
      error:
        'winner must be "A", "B" or "tie"; score_a must be a whole number from 1 to 10; score_b must be a whole number from 1 to 10; rationale must be a string',
    });
  });
});
