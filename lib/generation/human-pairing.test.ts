import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { nextWriteTask } from "@/lib/writing/queue";
import { submitAnswer } from "@/lib/writing/submit";
import { members, writingProject } from "@/lib/writing/test-helpers";
import { chooseHumanPairs, formHumanPairs, formPairs } from "./pairing";

const model = (id: string, role: string | null, source = "GENERATED") => ({ id, source, role });
const human = (id: string) => ({ id, source: "HUMAN", role: null });

describe("chooseHumanPairs", () => {
  const cands = [model("s1", "STRONG"), model("w", "WEAK"), model("s2", "STRONG"), human("h1"), human("h2")];
  it("pairs each human answer with the newest strong, or weak, answer", () => {
    expect(chooseHumanPairs("STRONG", cands, [])).toEqual([
      ["h1", "s2"],
      ["h2", "s2"],
    ]);
    expect(chooseHumanPairs("WEAK", cands, [["w", "s2"]])).toEqual([
      ["h1", "w"],
      ["h2", "w"],
    ]);
  });
  it("pairs every two human answers, or each human answer with every model answer", () => {
    const three = [...cands, human("h3")];
    expect(chooseHumanPairs("HUMAN", three, [["h2", "h1"]])).toEqual([
      ["h1", "h3"],
      ["h2", "h3"],
    ]);
    const samples = [model("a", "SAMPLER"), model("i", null, "IMPORTED"), human("h")];
    expect(chooseHumanPairs("SAMPLES", samples, [])).toEqual([
      ["h", "a"],
      ["h", "i"],
    ]);
  });
  it("forms nothing without a human answer or the other side", () => {
    expect(chooseHumanPairs("STRONG", [model("s", "STRONG")], [])).toEqual([]);
    expect(chooseHumanPairs("WEAK", [human("h"), model("s", "STRONG")], [])).toEqual([]);
  });
});

async function candidate(p: Project, promptId: string, role: "STRONG" | "WEAK" | "SAMPLER", sampleIndex = 0) {
  return db.candidate.create({
    data: { projectId: p.id, promptId, source: "GENERATED", role, sampleIndex, text: `${role} ${sampleIndex}` },
  });
}

async function write(p: Project, userId: string, text = "a human answer") {
  const task = await nextWriteTask(p.id, userId);
  return submitAnswer(p.id, userId, { assignmentId: task!.assignmentId, text, timeTakenMs: 1 });
}

const pairsOf = async (promptId: string) =>
  (await db.pair.findMany({ where: { promptId }, select: { candidateAId: true, candidateBId: true } })).map((p) =>
    [p.candidateAId, p.candidateBId].sort().join("|"),
  );

describe("pairs with human answers", () => {
  it("human vs strong: forms as soon as both exist, in either order, and strong vs weak still forms", async () => {
    const { project, prompts } = await writingProject(1, { generationMode: "STRONG_WEAK", humanPairing: "STRONG" });
    const [a] = await members(1, project.id);
    const promptId = prompts[0]!.id;
    const { candidateId } = await write(project, a!.id);
    expect(await pairsOf(promptId)).toEqual([]); // no strong answer yet
    const strong = await candidate(project, promptId, "STRONG");
    await formPairs([{ project, promptId }]);
    expect(await pairsOf(promptId)).toEqual([[candidateId, strong.id].sort().join("|")]);
    const weak = await candidate(project, promptId, "WEAK");
    await formPairs([{ project, promptId }]);
    expect((await pairsOf(promptId)).sort()).toEqual(
      [[candidateId, strong.id].sort().join("|"), [strong.id, weak.id].sort().join("|")].sort(),
    );
  });

  it("human vs weak and human vs human", async () => {
    const weakP = await writingProject(1, { generationMode: "STRONG_WEAK", humanPairing: "WEAK" });
    const [w] = await members(1, weakP.project.id);
    const weak = await candidate(weakP.project, weakP.prompts[0]!.id, "WEAK");
    await candidate(weakP.project, weakP.prompts[0]!.id, "STRONG");
    const mine = await write(weakP.project, w!.id);
    expect(await pairsOf(weakP.prompts[0]!.id)).toEqual([[mine.candidateId, weak.id].sort().join("|")]);

    const humanP = await writingProject(1, { writersPerPrompt: 3, humanPairing: "HUMAN" });
    const writers = await members(3, humanP.project.id);
    const ids = [];
    for (const u of writers) ids.push((await write(humanP.project, u.id)).candidateId);
    expect((await pairsOf(humanP.prompts[0]!.id)).sort()).toEqual(
      [
        [ids[0], ids[1]],
        [ids[0], ids[2]],
        [ids[1], ids[2]],
      ]
        .map((p) => p.sort().join("|"))
        .sort(),
    );
  });

  it("human vs every sample, without counting against the samples' own pairs", async () => {
    const { project, prompts } = await writingProject(1, {
      generationMode: "MULTI_SAMPLE",
      humanPairing: "SAMPLES",
      samplesPerPrompt: 3,
      maxPairsPerPrompt: 1,
    });
    const [a] = await members(1, project.id);
    const promptId = prompts[0]!.id;
    const { candidateId } = await write(project, a!.id);
    const samples = [];
    for (let i = 0; i < 3; i++) samples.push(await candidate(project, promptId, "SAMPLER", i));
    await formPairs([{ project, promptId }]);
    const pairs = await pairsOf(promptId);
    for (const s of samples) expect(pairs).toContain([candidateId, s.id].sort().join("|"));
    // m = 1 pair of samples, besides the three human ones.
    expect(pairs.filter((p) => !p.includes(candidateId))).toHaveLength(1);
  });

  it("never forms a pair twice when many submits and model answers race", async () => {
    const { project, prompts } = await writingProject(1, { writersPerPrompt: 6, humanPairing: "HUMAN" });
    const writers = await members(6, project.id);
    await Promise.all(writers.map((u, i) => write(project, u.id, `answer number ${i}`)));
    await Promise.all(Array.from({ length: 10 }, () => formHumanPairs(project, prompts[0]!.id)));
    const pairs = await pairsOf(prompts[0]!.id);
    expect(pairs).toHaveLength(15);
    expect(new Set(pairs).size).toBe(15);
  });
});
