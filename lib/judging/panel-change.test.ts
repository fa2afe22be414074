import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cardAgreement, cardProjectFacts } from "@/lib/export/card-facts";
import { exportBytes, readBack } from "@/lib/export/test-helpers";
import { getRunProgress } from "@/lib/jobs/progress";
import { getProjectMetrics } from "@/lib/metrics/project-metrics";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { setProjectEndpoints } from "@/lib/projects/project-endpoints";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { startJudgingRun } from "./runs";
import { judgingProject, scriptedJudge } from "./test-helpers";

// A pair's judge verdict is always its project's current panel's: after the panel changes, pairs
// the new panel has not judged in both orders by every judge have none, and no export calls them
// judge-labelled; judgments of judges still on the panel are reused, those of judges that left
// count nowhere. "judge-nope" names a model the server does not have: every call of it is a 404.

let server: ModelServer;
let worker: Worker;

beforeAll(async () => {
  server = await startModelServer({ models: ["judge-full", "judge-two"], latencyMs: 2 });
  server.configure({ respond: scriptedJudge });
  worker = await startWorker({ concurrency: 8 });
});
afterAll(async () => {
  await worker.stop(2000);
  await server.close();
});

// Four pairs the judge decides, two it cannot (its orders disagree).
const SPECS = [
  { qa: 8, qb: 3 },
  { qa: 2, qb: 7 },
  { qa: 9, qb: 4 },
  { qa: 1, qb: 6 },
  { qa: 5, qb: 5, marker: "biased" as const },
  { qa: 7, qb: 2, marker: "biased" as const },
];

async function judge(projectId: string, userId: string) {
  const run = await startJudgingRun(projectId, userId);
  const done = await waitForRun(run.id);
  return { run, status: done.status, progress: await getRunProgress(projectId, run.id) };
}

const statuses = async (projectId: string) =>
  (await db.pair.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } })).map((p) => ({
    status: p.judgeStatus,
    label: p.judgeLabel,
    reviewReason: p.reviewReason,
  }));

const JUDGED = [
  { status: "AGREED", label: "A", reviewReason: null },
  { status: "AGREED", label: "B", reviewReason: null },
  { status: "AGREED", label: "A", reviewReason: null },
  { status: "AGREED", label: "B", reviewReason: null },
  { status: "UNCERTAIN", label: null, reviewReason: "UNCERTAIN" },
  { status: "UNCERTAIN", label: null, reviewReason: "UNCERTAIN" },
];
const PENDING = SPECS.map(() => ({ status: null, label: null, reviewReason: null }));

async function exported(projectId: string) {
  const { rows } = await readBack(await exportBytes(projectId, { format: "trl", metadata: true }), "jsonl");
  return rows as { label_source: string }[];
}

describe("changing a project's panel of judges", () => {
  it("a judge joining makes every verdict pending until it has judged; the export waits for it", async () => {
    const { project, admin, judges } = await judgingProject(server, SPECS, { auditShare: 0 }, [
      "judge-full",
      "judge-nope",
    ]);
    const [full, nope] = judges;
    await setProjectEndpoints(project.id, admin, { judge: [full!.id] });
    expect((await judge(project.id, admin.id)).status).toBe("COMPLETED");
    expect(await statuses(project.id)).toEqual(JUDGED);
    expect((await exported(project.id)).filter((r) => r.label_source === "judge")).toHaveLength(4);

    await setProjectEndpoints(project.id, admin, { judge: [full!.id, nope!.id] });
    expect(await statuses(project.id)).toEqual(PENDING);
    expect(await exported(project.id)).toEqual([]);
    expect((await cardProjectFacts(project.id)).judge).toMatchObject({ judged: 0, waiting: SPECS.length });

    // The new judge's orders only, all failing: nothing is decided.
    const failed = await judge(project.id, admin.id);
    expect(failed.progress).toMatchObject({ total: 2 * SPECS.length });
    expect(await db.task.count({ where: { runId: failed.run.id, endpointId: full!.id } })).toBe(0);
    expect(await statuses(project.id)).toEqual(PENDING);
    expect(await exported(project.id)).toEqual([]);

    // Back to the one judge: its judgments are all there, so the pairs are decided at once.
    await setProjectEndpoints(project.id, admin, { judge: [full!.id] });
    expect(await statuses(project.id)).toEqual(JUDGED);
    expect((await exported(project.id)).filter((r) => r.label_source === "judge")).toHaveLength(4);
  });

  it("a re-run asks only the new judge's orders, then the two judges decide together", async () => {
    const { project, admin, judges } = await judgingProject(server, SPECS, { auditShare: 0 }, [
      "judge-full",
      "judge-two",
    ]);
    const [full, two] = judges;
    await setProjectEndpoints(project.id, admin, { judge: [full!.id] });
    await judge(project.id, admin.id);
    expect(await statuses(project.id)).toEqual(JUDGED);

    await setProjectEndpoints(project.id, admin, { judge: [full!.id, two!.id] });
    expect(await statuses(project.id)).toEqual(PENDING);
    const rerun = await judge(project.id, admin.id);
    expect(rerun.status).toBe("COMPLETED");
    expect(rerun.progress).toMatchObject({ total: 2 * SPECS.length });
    expect(await db.task.count({ where: { runId: rerun.run.id, endpointId: { not: two!.id } } })).toBe(0);
    expect(await statuses(project.id)).toEqual(JUDGED);
    expect(rerun.progress.verdicts).toMatchObject({ pairs: SPECS.length, agreed: 4, uncertain: 2, noVerdict: 0 });
    // The metrics count pairs where they say pairs, as the run card does; position bias counts
    // each judge's verdict on a pair (both orders), and says so.
    const metrics = await getProjectMetrics(project.id);
    expect(metrics.judgeVerdicts).toEqual({ judged: SPECS.length, uncertain: 2, failed: 0 });
    expect(metrics.positionBias).toMatchObject({ n: 2 * SPECS.length, inconsistentShare: 4 / 12 });
    expect((await cardAgreement(project.id)).figures).toContainEqual({
      name: "Judge verdicts that changed when the answers were swapped",
      value: "33.3% (n = 12 verdicts, one per pair and judge)",
    });

    // The first judge leaves: the second has judged every pair, so it decides them alone, and
    // the first one's judgments stay stored.
    await setProjectEndpoints(project.id, admin, { judge: [two!.id] });
    expect(await statuses(project.id)).toEqual(JUDGED);
    expect(await db.judgment.count({ where: { projectId: project.id, endpointId: full!.id } })).toBe(2 * SPECS.length);
    expect((await getProjectMetrics(project.id)).positionBias).toMatchObject({
      n: SPECS.length,
      nJudgments: 2 * SPECS.length,
    });
  });
});
