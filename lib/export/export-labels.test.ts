import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint } from "@/lib/testing/factories";
import { exportCounts } from "./engine";
import { EXCLUSION_REASONS, exportOptionsSchema, type ExportOptionsInput } from "./options";
import { exportBytes, exportProject } from "./test-helpers";

// Which pairs reach the file, with which answer as chosen, and why the others are left out.

async function lines(projectId: string, input: ExportOptionsInput = {}) {
  const text = (await exportBytes(projectId, { format: "orca", metadata: true, ...input })).toString("utf8");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
const counts = (projectId: string, input: ExportOptionsInput = {}) =>
  exportCounts(projectId, exportOptionsSchema.parse(input));
const excluded = (partial: Partial<Record<(typeof EXCLUSION_REASONS)[number], number>>) =>
  Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, partial[r] ?? 0]));

describe("label precedence", () => {
  it("IMPLICIT: adjudication beats the majority, which beats the implicit label", async () => {
    const { project, pair } = await exportProject("IMPLICIT");
    await pair({
      prompt: "adj",
      implicitLabel: "A",
      votes: [{ choice: "A" }, { choice: "A" }],
      adjudication: "B",
      a: "a1",
      b: "b1",
    });
    await pair({
      prompt: "maj",
      implicitLabel: "A",
      votes: [{ choice: "B" }, { choice: "B" }, { choice: "A" }],
      a: "a2",
      b: "b2",
    });
    await pair({ prompt: "imp", implicitLabel: "B", a: "a3", b: "b3" });
    await pair({ prompt: "imported", sourceLabel: "A", a: "a4", b: "b4" });
    await pair({ prompt: "none" });
    const rows = await lines(project.id);
    expect(rows.map((r) => [r.question, r.chosen, r.rejected, r.label_source])).toEqual([
      ["adj", "b1", "a1", "human"],
      ["maj", "b2", "a2", "human"],
      ["imp", "b3", "a3", "implicit"],
      ["imported", "a4", "b4", "implicit"],
    ]);
    expect(await counts(project.id)).toEqual({ splits: { train: 4, test: 0 }, excluded: excluded({ unlabelled: 1 }) });
  });

  it.each(["LLM_JUDGE", "HYBRID"] as const)(
    "%s: humans beat the judge; an unsure judge with no human is left out",
    async (mode) => {
      const { project, pair } = await exportProject(mode);
      await pair({
        prompt: "human",
        judge: { status: "AGREED", label: "A" },
        votes: [{ choice: "B" }],
        a: "a1",
        b: "b1",
      });
      await pair({ prompt: "judge", judge: { status: "AGREED", label: "B" }, implicitLabel: "A", a: "a2", b: "b2" });
      await pair({ prompt: "uncertain", judge: { status: "UNCERTAIN" } });
      await pair({ prompt: "failed", judge: { status: "FAILED" } });
      await pair({ prompt: "failed but decided", judge: { status: "FAILED" }, adjudication: "A", a: "a5", b: "b5" });
      await pair({ prompt: "not judged yet" });
      const rows = await lines(project.id);
      expect(rows.map((r) => [r.question, r.chosen, r.label_source])).toEqual([
        ["human", "b1", "human"],
        ["judge", "b2", "judge"],
        ["failed but decided", "a5", "human"],
      ]);
      expect((await counts(project.id)).excluded).toEqual(excluded({ uncertain: 1, judge_failed: 1, unlabelled: 1 }));
    },
  );

  it("HUMAN: only people decide, an even split is a split, not a tie; every pair is a row or one exclusion", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await pair({ prompt: "kept", implicitLabel: "B", votes: [{ choice: "A" }], a: "a1" });
    await pair({ implicitLabel: "A", judge: { status: "AGREED", label: "A" } }); // unlabelled
    await pair({ votes: [{ choice: "A" }, { choice: "B" }] }); // split
    await pair({ votes: [{ choice: "TIE" }] }); // tie
    await pair({ votes: [{ choice: "BOTH_BAD" }, { choice: "BOTH_BAD" }, { choice: "A" }] }); // both bad
    await pair({ votes: [{ choice: "A", flags: ["harmful"] }] }); // flagged
    await pair({ votes: [{ choice: "A" }], skipFlags: ["personal_data"] }); // flagged by a skip
    await pair({ votes: [{ choice: "A" }], a: " same \n", b: "same" }); // identical
    await pair({ votes: [{ choice: "A", editedText: "other\n" }], a: "one", b: "other" }); // identical once edited
    await pair({ prompt: "edited apart", votes: [{ choice: "B", editedText: "better" }], a: "same", b: "same\t" });
    const rows = await lines(project.id);
    expect(rows.map((r) => r.question)).toEqual(["kept", "edited apart"]);
    expect(rows[0]).toMatchObject({
      chosen: "a1",
      votes: 1,
      agreement: 1,
      chosen_edited: false,
      evaluation_mode: "human",
    });
    const c = await counts(project.id);
    expect(c).toEqual({
      splits: { train: 2, test: 0 },
      excluded: excluded({ unlabelled: 1, split: 1, tie: 1, both_bad: 1, flagged: 2, identical: 2 }),
    });
    expect(await lines(project.id, { includeFlagged: true })).toHaveLength(4);
  });

  it("an annotator's edit of the preferred answer replaces it as chosen (the latest edit for the winning choice)", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const t = Date.UTC(2026, 5, 1);
    await pair({
      prompt: "edited",
      a: "original",
      votes: [
        { choice: "A", editedText: "first edit", at: new Date(t) },
        { choice: "A", editedText: "latest edit", at: new Date(t + 1000) },
        { choice: "B", editedText: "edit of the loser", at: new Date(t + 2000) },
      ],
    });
    const [row] = await lines(project.id);
    expect(row).toMatchObject({
      chosen: "latest edit",
      rejected: expect.stringContaining("answer B"),
      chosen_edited: true,
    });
  });
});

describe("the judge's verdicts", () => {
  it("name the row's own answers: which was shown first, which won, and their scores", async () => {
    const { project, pair } = await exportProject("HYBRID");
    const endpoint = await createTestEndpoint({ name: "The judge" });
    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: endpoint.id, role: "JUDGE" } });
    const judge = async (pairId: string, swapped: boolean, winner: "A" | "B" | "TIE", scoreA: number, scoreB: number) =>
      db.judgment.create({
        data: {
          projectId: project.id,
          pairId,
          endpointId: endpoint.id,
          status: "OK",
          rawText: "{}",
          swapped,
          winner,
          scoreA,
          scoreB,
          rationale: `Answer A ${swapped ? "(B shown first)" : "(A shown first)"}`,
        },
      });
    // The judge preferred B in both orders; an admin chose A: the judge's winner is the rejected answer.
    const overruled = await pair({ prompt: "overruled", judge: { status: "AGREED", label: "B" }, adjudication: "A" });
    await judge(overruled.id, false, "B", 4, 9);
    await judge(overruled.id, true, "B", 3, 8);
    // The judge's own label, B, is chosen; one order called it a tie.
    const agreed = await pair({ prompt: "agreed", judge: { status: "AGREED", label: "B" } });
    await judge(agreed.id, true, "B", 2, 7);
    await judge(agreed.id, false, "TIE", 5, 5);
    const rows = await lines(project.id);
    const byJudge = { judge: "The judge", model: "test-model" };
    expect(rows.map((r) => [r.question, r.judge_verdicts, r.judge_rationale])).toEqual([
      [
        "overruled",
        [
          { ...byJudge, shown_first: "chosen", winner: "rejected", score_chosen: 4, score_rejected: 9 },
          { ...byJudge, shown_first: "rejected", winner: "rejected", score_chosen: 3, score_rejected: 8 },
        ],
        "Answer A (A shown first)",
      ],
      [
        "agreed",
        [
          { ...byJudge, shown_first: "rejected", winner: "tie", score_chosen: 5, score_rejected: 5 },
          { ...byJudge, shown_first: "chosen", winner: "chosen", score_chosen: 7, score_rejected: 2 },
        ],
        "Answer A (A shown first)",
      ],
    ]);
  });
});

describe("complete pairs only", () => {
  it("with overlap 2, leaves out by default the pairs decided by fewer votes; adjudicated, judged and split pairs as they are", async () => {
    const { project, pair } = await exportProject("HYBRID");
    await db.project.update({ where: { id: project.id }, data: { overlap: 2 } });
    await pair({ prompt: "complete", votes: [{ choice: "A" }, { choice: "A" }] });
    await pair({ prompt: "one vote", votes: [{ choice: "B" }] });
    await pair({ prompt: "adjudicated", votes: [{ choice: "B" }], adjudication: "A" });
    await pair({ prompt: "judge", judge: { status: "AGREED", label: "B" } });
    await pair({ prompt: "split", votes: [{ choice: "A" }, { choice: "B" }], judge: { status: "AGREED", label: "A" } });
    expect((await lines(project.id)).map((r) => r.question)).toEqual(["complete", "adjudicated", "judge"]);
    expect(await counts(project.id)).toEqual({
      splits: { train: 3, test: 0 },
      excluded: excluded({ incomplete: 1, split: 1 }),
    });
    // Asked for explicitly off, the one-vote pair is back; on with overlap 1, nothing is incomplete.
    expect((await lines(project.id, { completeOnly: false })).map((r) => r.question)).toContain("one vote");
    expect(await counts(project.id, { completeOnly: "false" })).toMatchObject({ excluded: { incomplete: 0 } });
    await db.project.update({ where: { id: project.id }, data: { overlap: 1 } });
    expect(await counts(project.id)).toMatchObject({ splits: { train: 4 }, excluded: { incomplete: 0 } });
    expect(await counts(project.id, { completeOnly: true })).toMatchObject({ excluded: { incomplete: 0 } });
  });
});

describe("filters", () => {
  it("minVotes and minAgreement hold back thin or split human labels only; sources and dates filter too", async () => {
    const { project, pair } = await exportProject("IMPLICIT");
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));
    await pair({ prompt: "one vote", votes: [{ choice: "A" }], createdAt: day(1) });
    await pair({ prompt: "three, 2/3", votes: [{ choice: "A" }, { choice: "A" }, { choice: "B" }], createdAt: day(2) });
    await pair({ prompt: "adjudicated", adjudication: "A", createdAt: day(3) });
    await pair({ prompt: "implicit", implicitLabel: "A", createdAt: day(4) });
    const q = async (input: ExportOptionsInput) => (await lines(project.id, input)).map((r) => r.question);
    expect(await q({ minVotes: 2 })).toEqual(["three, 2/3", "adjudicated", "implicit"]);
    expect(await q({ minAgreement: 0.9 })).toEqual(["one vote", "adjudicated", "implicit"]);
    expect(await q({ sources: "implicit" })).toEqual(["implicit"]);
    expect(await q({ sources: "human,implicit", from: "2026-03-02", to: "2026-03-03" })).toEqual([
      "three, 2/3",
      "adjudicated",
    ]);
    expect((await counts(project.id, { minVotes: 2, minAgreement: 0.9 })).excluded).toEqual(excluded({ filtered: 2 }));
  });

  it("agreement is the share of counted votes that chose the chosen answer, whatever decided the label", async () => {
    const { project, pair } = await exportProject("HYBRID");
    await pair({ prompt: "overruled", votes: [{ choice: "B" }, { choice: "B" }], adjudication: "A" });
    await pair({ prompt: "backed", votes: [{ choice: "A" }, { choice: "B" }], adjudication: "B" });
    await pair({ prompt: "tie vote", votes: [{ choice: "A" }, { choice: "A" }, { choice: "TIE" }] });
    await pair({ prompt: "both bad vote", votes: [{ choice: "B" }, { choice: "BOTH_BAD" }, { choice: "B" }] });
    await pair({ prompt: "untrusted", votes: [{ choice: "A" }, { choice: "B", excluded: true }] });
    await pair({ prompt: "judge", judge: { status: "AGREED", label: "B" } });
    await pair({ prompt: "adjudicated, no votes", adjudication: "B" });
    const rows = await lines(project.id);
    expect(rows.map((r) => [r.question, r.label_source, r.votes, r.agreement])).toEqual([
      ["overruled", "human", 2, 0],
      ["backed", "human", 2, 0.5],
      ["tie vote", "human", 3, 2 / 3],
      ["both bad vote", "human", 3, 2 / 3],
      ["untrusted", "human", 1, 1],
      ["judge", "judge", 0, null],
      ["adjudicated, no votes", "human", 0, null],
    ]);
    // minAgreement holds the labels decided by votes to it; an admin's adjudication settles what
    // the votes did not, and passes (as judge labels do).
    const kept = async (minAgreement: number) => (await lines(project.id, { minAgreement })).map((r) => r.question);
    expect(await kept(0.9)).toEqual(["overruled", "backed", "untrusted", "judge", "adjudicated, no votes"]);
    expect(await kept(0.6)).toEqual([
      "overruled",
      "backed",
      "tie vote",
      "both bad vote",
      "untrusted",
      "judge",
      "adjudicated, no votes",
    ]);
    expect((await counts(project.id, { minAgreement: 0.9 })).excluded).toEqual(excluded({ filtered: 2 }));
  });

  it("dedupe keeps one pair per prompt: most votes, then agreement, then oldest", async () => {
    const { project, pair } = await exportProject("IMPLICIT");
    const first = await pair({ prompt: "shared", implicitLabel: "A", a: "implicit one" });
    await pair({
      promptId: first.promptId,
      votes: [{ choice: "A" }, { choice: "B" }, { choice: "B" }],
      a: "two of three",
      b: "x",
    });
    await pair({
      promptId: first.promptId,
      votes: [{ choice: "A" }, { choice: "A" }, { choice: "A" }],
      a: "unanimous",
    });
    await pair({ prompt: "alone", implicitLabel: "A" });
    await pair({ prompt: "tie-break", implicitLabel: "A", a: "older" });
    expect((await lines(project.id)).length).toBe(5);
    const rows = await lines(project.id, { dedupe: true });
    expect(rows.map((r) => [r.question, r.chosen])).toEqual([
      ["shared", "unanimous"],
      ["alone", expect.any(String)],
      ["tie-break", "older"],
    ]);
    expect((await counts(project.id, { dedupe: true })).excluded.duplicate_prompt).toBe(2);
  });
});

describe("train/test split", () => {
  async function many(n: number) {
    const { project, pair } = await exportProject("IMPLICIT");
    for (let i = 0; i < n; i++) {
      const p = await pair({ prompt: `p${i}`, implicitLabel: "A" });
      if (i % 4 === 0) await pair({ promptId: p.promptId, implicitLabel: "B" }); // a second pair of the same prompt
    }
    return project.id;
  }

  it("splits by prompt: no prompt in both, fraction and count, same seed same bytes, other seed other split", async () => {
    const id = await many(40);
    const split = { testFraction: 0.25, seed: "s1" };
    const train = await lines(id, { ...split, split: "train" });
    const test = await lines(id, { ...split, split: "test" });
    const all = await lines(id, split);
    expect(train.length + test.length).toBe(all.length);
    expect(all.length).toBe(50);
    const trainPrompts = new Set(train.map((r) => r.question));
    expect(test.some((r) => trainPrompts.has(r.question))).toBe(false);
    expect(test.length).toBeGreaterThan(0);
    expect(await counts(id, split)).toMatchObject({ splits: { train: train.length, test: test.length } });

    const again = await exportBytes(id, { format: "orca", ...split, split: "test", type: "parquet" });
    expect(again.equals(await exportBytes(id, { format: "orca", ...split, split: "test", type: "parquet" }))).toBe(
      true,
    );
    const other = await lines(id, { ...split, seed: "s2", split: "test" });
    expect(other.map((r) => r.question)).not.toEqual(test.map((r) => r.question));

    const byCount = await lines(id, { testCount: 7, seed: "s1", split: "test" });
    expect(new Set(byCount.map((r) => r.question)).size).toBe(7);
    const trainByCount = await lines(id, { testCount: 7, seed: "s1", split: "train" });
    expect(trainByCount.some((r) => byCount.some((t) => t.question === r.question))).toBe(false);
    expect(trainByCount.length + byCount.length).toBe(50);
    expect(await counts(id, { testCount: 7, seed: "s1" })).toMatchObject({
      splits: { train: trainByCount.length, test: byCount.length },
    });
  });
});
