import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cardRunFacts } from "@/lib/export/card-facts";
import { exportBytes } from "@/lib/export/test-helpers";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { getRunFunnel } from "./funnel";
import { listReviewItems, reviewItem } from "./review";
import { startDocumentRun } from "./start";
import { documentProject } from "./test-helpers";

const env = modelServerAndWorker();

async function finishedInstructionRun() {
  const made = await documentProject(env.server, { documents: 2 });
  const run = await startDocumentRun(made.project.id, made.admin.id, {
    mode: "INSTRUCTIONS",
    generatorEndpointId: made.generator.id,
  });
  expect((await waitForRun(run.id, 60_000)).status).toBe("COMPLETED");
  return { ...made, run };
}

const sftRows = async (projectId: string, runId: string) =>
  (await exportBytes(projectId, { format: "sft", run: runId }))
    .toString()
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { instruction: string; output: string });

describe("reviewing an instruction run's kept items", () => {
  it("drops, keeps again and edits items, and the export, the funnel and the list follow", async () => {
    const { project, admin, run } = await finishedInstructionRun();
    const first = await listReviewItems(project.id, run.id, 1);
    expect(first.kept).toBeGreaterThan(2);
    expect(first.items).toHaveLength(Math.min(first.kept, 50));
    const [a, b] = first.items as [(typeof first.items)[0], (typeof first.items)[0]];

    // An edit is stored exactly as typed; the model's text stays beside it.
    const typed = "  A reviewer's answer,\r\n\twith its spacing kept.  ";
    const edited = await reviewItem(project.id, run.id, admin.id, { itemId: a.id, action: "edit", answer: typed });
    expect(edited).toMatchObject({ answer: typed, originalAnswer: a.answer, instruction: a.instruction });
    expect(edited.originalInstruction).toBeNull();
    expect(edited.reviewedBy).toBe(admin.email);
    // A second edit keeps the model's text as the original, not the first edit.
    const again = await reviewItem(project.id, run.id, admin.id, { itemId: a.id, action: "edit", answer: "Second." });
    expect(again.originalAnswer).toBe(a.answer);
    await reviewItem(project.id, run.id, admin.id, { itemId: a.id, action: "edit", answer: typed });

    // The export's card says how many kept items a reviewer edited.
    expect((await cardRunFacts(project.id, run.id)).edited).toBe(1);

    await reviewItem(project.id, run.id, admin.id, { itemId: b.id, action: "drop" });
    const funnel = await getRunFunnel(project.id, run.id);
    const step = (key: string) => funnel.steps.find((s) => s.key === key)?.count;
    expect(step("REVIEW")).toBe(first.kept - 1);
    expect(step("kept")).toBe(first.kept - 1);
    expect(funnel.steps.find((s) => s.key === "REVIEW")?.label).toBe("Kept in review");

    const rows = await sftRows(project.id, run.id);
    expect(rows).toHaveLength(first.kept - 1);
    expect(rows.find((r) => r.instruction === a.instruction)?.output).toBe(typed);
    expect(rows.some((r) => r.instruction === b.instruction && r.output === b.answer)).toBe(false);

    // The dropped item stays listed, and can be kept again.
    const listed = await listReviewItems(project.id, run.id, 1);
    expect(listed).toMatchObject({ kept: first.kept - 1, dropped: 1 });
    expect(listed.items.find((i) => i.id === b.id)?.status).toBe("DROPPED");
    await reviewItem(project.id, run.id, admin.id, { itemId: b.id, action: "keep" });
    expect(await sftRows(project.id, run.id)).toHaveLength(first.kept);
    expect((await getRunFunnel(project.id, run.id)).steps.some((s) => s.key === "REVIEW")).toBe(false);
  }, 90_000);

  it("refuses an empty edit by field, an edit of a dropped item, keeping what the filters dropped, and other projects' runs", async () => {
    const { project, admin, run } = await finishedInstructionRun();
    const [item] = (await listReviewItems(project.id, run.id, 1)).items;
    await expect(
      reviewItem(project.id, run.id, admin.id, { itemId: item!.id, action: "edit", instruction: " \n " }),
    ).rejects.toMatchObject({ code: "empty_text", fields: [{ path: "instruction", message: "must not be empty" }] });
    await expect(reviewItem(project.id, run.id, admin.id, { itemId: item!.id, action: "keep" })).rejects.toMatchObject({
      code: "already_kept",
    });
    await reviewItem(project.id, run.id, admin.id, { itemId: item!.id, action: "drop" });
    await expect(
      reviewItem(project.id, run.id, admin.id, { itemId: item!.id, action: "edit", answer: "New." }),
    ).rejects.toMatchObject({ code: "dropped" });
    // An item the filters dropped is not the reviewer's to keep.
    const filtered = await db.docItem.findFirst({
      where: { runId: run.id, status: "DROPPED", NOT: { droppedAt: "REVIEW" } },
    });
    if (filtered)
      await expect(
        reviewItem(project.id, run.id, admin.id, { itemId: filtered.id, action: "keep" }),
      ).rejects.toMatchObject({ code: "not_found" });
    const other = await finishedInstructionRun();
    await expect(listReviewItems(project.id, other.run.id, 1)).rejects.toMatchObject({ code: "not_found" });
  }, 120_000);
});
