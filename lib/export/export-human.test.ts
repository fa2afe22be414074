import { describe, expect, it } from "vitest";
import { exportOptionsSchema } from "./options";
import { exportBytes, exportProject } from "./test-helpers";

const lines = async (projectId: string, input: Parameters<typeof exportBytes>[1]) =>
  (await exportBytes(projectId, input))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("human-written answers in exports", () => {
  it("carries each answer's source and author id in the metadata columns", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const author = project.createdById;
    await pair({ prompt: "won", a: "human text", b: "model text", aAuthor: author, votes: [{ choice: "A" }] });
    await pair({ prompt: "lost", a: "human again", b: "model wins", aAuthor: author, votes: [{ choice: "B" }] });
    await pair({ prompt: "models", a: "m1", b: "m2", votes: [{ choice: "A" }] });
    const rows = await lines(project.id, { format: "trl", metadata: true });
    expect(rows.map((r) => [r.prompt, r.source, r.rejected_source, r.chosen_author_id, r.rejected_author_id])).toEqual([
      ["won", "human", "imported", author, null],
      ["lost", "imported", "human", null, author],
      ["models", "imported", "imported", null, null],
    ]);
  });

  it("sft with humanOnly keeps only the rows whose chosen answer a person wrote, and only sft takes it", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await pair({
      prompt: "won",
      a: "human text",
      b: "model text",
      aAuthor: project.createdById,
      votes: [{ choice: "A" }],
    });
    await pair({
      prompt: "lost",
      a: "human again",
      b: "model wins",
      aAuthor: project.createdById,
      votes: [{ choice: "B" }],
    });
    expect(await lines(project.id, { format: "sft", humanOnly: true })).toEqual([
      { instruction: "won", output: "human text" },
    ]);
    expect(await lines(project.id, { format: "sft" })).toHaveLength(2);
    expect(exportOptionsSchema.safeParse({ format: "trl", humanOnly: "true" }).error?.issues[0]?.path).toEqual([
      "humanOnly",
    ]);
  });
});

describe("the dataset card", () => {
  it("states the method the settings amount to", async () => {
    const { cardProjectFacts } = await import("./card-facts");
    const { renderCard } = await import("./card");
    const { exportCounts } = await import("./engine");
    const { db } = await import("@/lib/db");
    const { project } = await exportProject("LLM_JUDGE");
    await db.project.update({ where: { id: project.id }, data: { writersPerPrompt: 2, humanPairing: "HUMAN" } });
    const options = exportOptionsSchema.parse({});
    const card = renderCard({
      ...(await cardProjectFacts(project.id)),
      options,
      counts: await exportCounts(project.id, options),
      columns: ["prompt", "chosen", "rejected"],
      dataFiles: [{ split: "train", path: "x.jsonl" }],
      agreement: { figures: [] },
      snapshot: { id: "s", createdAt: new Date(0), createdBy: "Ada", checksum: null, byteSize: 0, rowCount: 0 },
    });
    expect(card).toContain("## Method\n\nHuman-generated answers, LLM-evaluated (an LLM judge chooses).");
  });
});
