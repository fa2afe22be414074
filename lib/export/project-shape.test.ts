import { describe, expect, it } from "vitest";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { PROJECT_SHAPE_SQL, type ProjectShape } from "./sql";
import { exportBytes, exportProject } from "./test-helpers";

// The export joins adjudications, edits and flagged skips only when the project has some: the
// shape read first must see each one the statement would have used, and nothing else.

const shapeOf = async (projectId: string) =>
  (await bulkPool().query<ProjectShape>(PROJECT_SHAPE_SQL, [projectId])).rows[0];

const NOTHING_TO_JOIN: ProjectShape = { overlap: 1, adjudications: false, edits: false, flaggedSkips: false };

describe("the project's shape", () => {
  it("has nothing to join for pairs with votes and judgments only", async () => {
    const { project, pair } = await exportProject("HYBRID");
    await pair({ votes: [{ choice: "A", flags: ["unsafe"] }], judge: { status: "AGREED", label: "B" } });
    expect(await shapeOf(project.id)).toEqual(NOTHING_TO_JOIN);
  });

  it("sees each kind once a pair has one, and the project's overlap", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await db.project.update({ where: { id: project.id }, data: { overlap: 3 } });
    await pair({ adjudication: "A" });
    expect(await shapeOf(project.id)).toMatchObject({ overlap: 3, adjudications: true, edits: false });
    await pair({ votes: [{ choice: "B", editedText: "better" }] });
    expect(await shapeOf(project.id)).toMatchObject({ edits: true, flaggedSkips: false });
    await pair({ skipFlags: ["broken"] });
    expect(await shapeOf(project.id)).toMatchObject({ flaggedSkips: true });
  });

  it("ignores what the statement ignores: an edit the trust rule left out, and other projects", async () => {
    const other = await exportProject("HUMAN");
    await other.pair({ adjudication: "B", votes: [{ choice: "A", editedText: "x" }], skipFlags: ["broken"] });
    const { project, pair } = await exportProject("HUMAN");
    await pair({ votes: [{ choice: "A", editedText: "left out", excluded: true }] });
    await pair({ skipFlags: [] });
    expect(await shapeOf(project.id)).toEqual(NOTHING_TO_JOIN);
  });

  it("is read with the rows: an edit made before the export reaches the file", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await pair({ prompt: "p", a: "first", b: "second", votes: [{ choice: "A", editedText: "first, edited" }] });
    const line = JSON.parse((await exportBytes(project.id, { format: "trl" })).toString("utf8").trim());
    expect(line).toEqual({ prompt: "p", chosen: "first, edited", rejected: "second" });
  });
});
