import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { renderCard } from "./card";
import { cardProjectFacts } from "./card-facts";
import { exportCounts } from "./engine";
import { exportOptionsSchema } from "./options";
import { exportProject } from "./test-helpers";

// The dataset card tells the pairs the judge could not decide apart by cause, and says where they
// went, in agreement with the export's own counts.

async function cardOf(projectId: string, query: Record<string, unknown> = {}) {
  const options = exportOptionsSchema.parse(query);
  const [facts, counts] = await Promise.all([cardProjectFacts(projectId), exportCounts(projectId, options)]);
  const card = renderCard({
    ...facts,
    options,
    counts,
    columns: ["prompt", "chosen", "rejected"],
    dataFiles: [{ split: "train", path: "x.jsonl" }],
    agreement: { figures: [] },
    snapshot: { id: "s", createdAt: new Date(0), createdBy: "Ada", checksum: null, byteSize: 0, rowCount: 0 },
  });
  return { card, counts };
}

async function judgedProject(mode: "HYBRID" | "LLM_JUDGE", uncertainToHumans = true) {
  const { project, pair } = await exportProject(mode);
  await db.project.update({ where: { id: project.id }, data: { uncertainToHumans } });
  await pair({ judge: { status: "AGREED", label: "A" } });
  await pair({ judge: { status: "UNCERTAIN" } });
  await pair({ judge: { status: "UNCERTAIN" } });
  await pair({ judge: { status: "FAILED" } });
  await pair({ judge: { status: "FAILED" } });
  await pair({ judge: { status: "FAILED" }, adjudication: "B" }); // decided by a human after all
  await pair(); // not judged yet
  return project;
}

describe("dataset card: pairs the judge could not decide", () => {
  it("hybrid: counts them by cause, sent to annotators, and names those left out of the file", async () => {
    const project = await judgedProject("HYBRID");
    const { card, counts } = await cardOf(project.id);
    expect(counts.excluded).toMatchObject({ uncertain: 2, judge_failed: 2, unlabelled: 1 });
    expect(card).toContain(
      "The judge could not decide 5 of the 6 pairs it judged in both orders: 2 uncertain (its two orders disagreed) and 3 judge failed (no usable verdict in at least one order). " +
        "They went to human annotators; those still without a human label when this export was made were left out of it (2 uncertain and 2 judge failed).",
    );
    expect(card).toContain(
      "- uncertain (the judge's two orders disagreed): 2\n- judge failed (no usable verdict in at least one order): 2",
    );
  });

  it("LLM judge keeping them from annotators: says they are left out of the data", async () => {
    const project = await judgedProject("LLM_JUDGE", false);
    const { card } = await cardOf(project.id);
    expect(card).toContain(
      "Pairs it could not decide (its two orders disagreed, or it gave no usable verdict) were left out.",
    );
    expect(card).toContain(
      "They were not sent to annotators and are left out of the data unless an admin labelled them (2 uncertain and 2 judge failed left out of this export).",
    );
  });

  it("hybrid: says which rows carry the judge's label while annotators still have them", async () => {
    const { project, pair } = await exportProject("HYBRID");
    const low = await pair({ judge: { status: "AGREED", label: "A" } });
    const audit = await pair({ judge: { status: "AGREED", label: "B" } });
    const reviewed = await pair({ judge: { status: "AGREED", label: "B" }, adjudication: "A" });
    await pair({ judge: { status: "AGREED", label: "A" } }); // the judge's alone
    await db.pair.updateMany({
      where: { id: { in: [low.id, reviewed.id] } },
      data: { reviewReason: "LOW_CONFIDENCE" },
    });
    await db.pair.update({ where: { id: audit.id }, data: { reviewReason: "AUDIT" } });
    const { card } = await cardOf(project.id);
    expect(card).toContain(
      "The judge decided all 4 pairs it judged in both orders. 2 pairs the judge decided were sent to annotators as well (low confidence or audit) and had no human label yet when this export was made: their rows carry the judge's label (label_source judge) until a human decides.",
    );
  });

  it("hybrid: an export without judge labels says those pairs are not in it", async () => {
    const { project, pair } = await exportProject("HYBRID");
    const low = await pair({ judge: { status: "AGREED", label: "A" } });
    await pair({ judge: { status: "AGREED", label: "B" }, adjudication: "A" });
    await db.pair.update({ where: { id: low.id }, data: { reviewReason: "LOW_CONFIDENCE" } });
    const { card, counts } = await cardOf(project.id, { sources: "human" });
    expect(counts.splits.train).toBe(1);
    expect(card).toContain(
      "One pair the judge decided was sent to annotators as well (low confidence or audit) and had no human label yet when this export was made: it is left out of this export, which takes no judge labels.",
    );
    expect(card).not.toContain("label_source judge) until a human decides");
  });
});
