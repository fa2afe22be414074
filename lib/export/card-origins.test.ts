import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startDocumentRun } from "@/lib/document-runs/start";
import { documentProject } from "@/lib/document-runs/test-helpers";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { renderCard } from "./card";
import { cardProjectFacts } from "./card-facts";
import { columnsFor, exportCounts } from "./engine";
import { exportOptionsSchema } from "./options";
import { exportProject } from "./test-helpers";

// The card says where a pair export's answers came from, as the pairs have it, not as the
// project's generation setting would suggest.

const env = modelServerAndWorker();

async function cardOf(projectId: string, query: Record<string, unknown> = {}) {
  const options = exportOptionsSchema.parse(query);
  const [facts, counts] = await Promise.all([cardProjectFacts(projectId), exportCounts(projectId, options)]);
  return renderCard({
    ...facts,
    options,
    counts,
    columns: columnsFor(options),
    dataFiles: [{ split: "train", path: "x.jsonl" }],
    agreement: { figures: [] },
    snapshot: { id: "s", createdAt: new Date(0), createdBy: "Ada", checksum: null, byteSize: 0, rowCount: 0 },
  });
}

describe("dataset card: where the pairs came from", () => {
  it("describes a preference document run's triples: run, both models, chunks, funnel and checks", async () => {
    const { project, admin, generator, weak } = await documentProject(env.server, { documents: 2 });
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "PREFERENCES",
      generatorEndpointId: generator.id,
      rejectedEndpointId: weak.id,
    });
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    const pairs = await db.pair.count({ where: { projectId: project.id } });
    expect(pairs).toBeGreaterThan(0);
    const card = await cardOf(project.id, { format: "trl", metadata: "true" });
    expect(card).toContain(
      "## Method\n\nExtracts of an author's documents compared with LLM-generated answers, evaluated implicitly",
    );
    expect(card).toContain(`All ${pairs} pairs of the project came from document runs.`);
    expect(card).toContain(`### Document run \`${run.id}\``);
    expect(card).toContain("- generator: `test-strong`");
    expect(card).toContain("- rejected: `test-weak`");
    expect(card).toContain("Passages: 1000 to 2000 characters");
    expect(card).toMatch(/\| Kept \| \d+ \|/);
    expect(card).toContain("Checks applied:");
    expect(card).toContain(
      "- `prompt_metadata`: where the prompt came from: source document, the document run (runId)",
    );
    expect(card).not.toContain("imported from files");
    expect(card).not.toContain("the imported file's label is kept");
    expect(card).not.toContain("Position bias: annotators"); // nobody voted
  }, 90_000);

  it("gives each document run's own chunk settings, not the project's when the export is made", async () => {
    const { project, admin, generator, weak } = await documentProject(env.server, { documents: 2 });
    const chunking = (minChars: number, maxChars: number, overlap: number) =>
      db.project.update({
        where: { id: project.id },
        data: { chunkMinChars: minChars, chunkMaxChars: maxChars, chunkOverlapSentences: overlap },
      });
    await chunking(200, 600, 1);
    const run = await startDocumentRun(project.id, admin.id, {
      mode: "PREFERENCES",
      generatorEndpointId: generator.id,
      rejectedEndpointId: weak.id,
    });
    expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
    await chunking(1000, 2000, 0);
    const card = await cardOf(project.id, { format: "trl", metadata: "true" });
    expect(card).toContain(
      "Passages: 200 to 600 characters, 1 sentence repeated from the previous one; documents shorter than the minimum kept whole (the chunk settings the run read, stored with it).",
    );
    expect(card).not.toContain("Passages: 1000 to 2000");

    // A run started before runs stored their chunk settings says so rather than guessing.
    const stored = (await db.run.findUniqueOrThrow({ where: { id: run.id } })).settings as Record<string, unknown>;
    await db.run.update({ where: { id: run.id }, data: { settings: { ...stored, chunking: undefined } } });
    expect(await cardOf(project.id, { format: "trl", metadata: "true" })).toContain(
      "Passages: the chunk settings this run read were not recorded (it was started before runs stored them).",
    );
  }, 90_000);

  it("says answers that were all imported are imported, and speaks of annotators' order only when they voted", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await pair({ votes: [{ choice: "A" }] });
    await pair();
    const card = await cardOf(project.id);
    expect(card).toContain("## Method\n\nImported answers, human-evaluated (annotators choose).");
    expect(card).toContain("Position bias: annotators saw the two answers in a random left/right order");
  });
});
