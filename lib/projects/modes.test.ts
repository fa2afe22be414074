import { describe, expect, it } from "vitest";
import { preferenceMethod } from "./modes";
import { createProjectSchema } from "./schemas";

const method = (
  evaluationMode: "HUMAN" | "LLM_JUDGE" | "HYBRID" | "IMPLICIT",
  writersPerPrompt = 0,
  humanPairing = "STRONG" as const,
) => preferenceMethod({ evaluationMode, writersPerPrompt, humanPairing });

describe("preferenceMethod: which of the four ways the settings amount to", () => {
  it("names who writes and who judges", () => {
    expect(method("HUMAN")).toMatchObject({ answers: "llm", evaluation: "human" });
    expect(method("LLM_JUDGE")).toMatchObject({ answers: "llm", evaluation: "llm" });
    expect(preferenceMethod({ evaluationMode: "HUMAN", writersPerPrompt: 2, humanPairing: "HUMAN" })).toMatchObject({
      answers: "human",
      evaluation: "human",
    });
    expect(preferenceMethod({ evaluationMode: "LLM_JUDGE", writersPerPrompt: 2, humanPairing: "HUMAN" })).toMatchObject(
      { answers: "human", evaluation: "llm" },
    );
  });
  it("calls human vs model answers mixed, the hybrid evaluation mixed, and implicit implicit", () => {
    expect(method("HUMAN", 1)).toMatchObject({ answers: "mixed", evaluation: "human" });
    expect(method("HYBRID")).toMatchObject({ answers: "llm", evaluation: "mixed" });
    expect(method("IMPLICIT")).toMatchObject({ answers: "llm", evaluation: "implicit" });
  });
  it("says it in plain words", () => {
    expect(preferenceMethod({ evaluationMode: "HUMAN", writersPerPrompt: 2, humanPairing: "HUMAN" }).sentence).toBe(
      "Human-generated answers, human-evaluated (annotators choose).",
    );
    expect(method("LLM_JUDGE").sentence).toBe("LLM-generated answers, LLM-evaluated (an LLM judge chooses).");
  });
});

describe("written answer settings", () => {
  const base = { name: "p", generationMode: "STRONG_WEAK" as const };
  const fieldOf = (input: object) => {
    const r = createProjectSchema.safeParse({ ...base, ...input });
    return r.success ? null : r.error.issues.map((i) => i.path.join("."));
  };
  it("accepts no writers, and a pairing rule the generation mode offers", () => {
    expect(fieldOf({})).toBeNull();
    expect(fieldOf({ writersPerPrompt: 1, humanPairing: "WEAK" })).toBeNull();
    expect(fieldOf({ generationMode: "MULTI_SAMPLE", writersPerPrompt: 1, humanPairing: "SAMPLES" })).toBeNull();
  });
  it("names the field at fault", () => {
    expect(fieldOf({ writersPerPrompt: 1, humanPairing: "SAMPLES" })).toEqual(["humanPairing"]);
    expect(fieldOf({ generationMode: "IMPORTED", writersPerPrompt: 1, humanPairing: "STRONG" })).toEqual([
      "humanPairing",
    ]);
    expect(fieldOf({ writersPerPrompt: 1, humanPairing: "HUMAN" })).toEqual(["writersPerPrompt"]);
    expect(fieldOf({ writersPerPrompt: 1, evaluationMode: "IMPLICIT" })).toEqual(["writersPerPrompt"]);
    expect(fieldOf({ writersPerPrompt: 11 })).toEqual(["writersPerPrompt"]);
    expect(fieldOf({ writersPerPrompt: 1, minAnswerChars: 0 })).toEqual(["minAnswerChars"]);
  });
});
