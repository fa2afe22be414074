import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRunProgress } from "@/lib/jobs/progress";
import { countArchivePausedRuns } from "@/lib/jobs/project-runs";
import { cancelRun, pauseRun, resumeRun, retryFailed } from "@/lib/jobs/runs";
import { startRun } from "./runs";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { generationProject } from "./test-helpers";
import { startWorker } from "@/lib/jobs/worker";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { updateProject } from "@/lib/projects/projects";

const env = modelServerAndWorker({ latencyMs: 5 }, { concurrency: 16 });

const candidateCount = (projectId: string) => db.candidate.count({ where: { projectId } });

/**
 * Waits for a paused run's calls in flight to finish (on a loaded machine that may take a while),
 * checks no new one starts, and returns the candidates made so far (fewer than all 80).
 */
async function settledWhilePaused(projectId: string, runId: string): Promise<number> {
  const running = async () => (await getRunProgress(projectId, runId)).counts.running;
  await expect.poll(running, { timeout: 10_000 }).toBe(0);
  const paused = await candidateCount(projectId);
  await new Promise((r) => setTimeout(r, 500));
  expect(await candidateCount(projectId)).toBe(paused);
  expect(paused).toBeLessThan(80);
  return paused;
}

describe("generation", () => {
  it("makes one strong and one weak answer per prompt, pairs them, and labels them for IMPLICIT", async () => {
    env.server.configure({ latencyMs: 5, faults: {} });
    const { project, admin } = await generationProject(env.server, { prompts: 12, evaluation: "IMPLICIT" });
    const run = await startRun(project.id, admin.id);
    expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    const candidates = await db.candidate.findMany({ where: { projectId: project.id } });
    expect(candidates).toHaveLength(24);
    expect(candidates.filter((c) => c.role === "STRONG")).toHaveLength(12);
    for (const c of candidates) {
      expect(c.text.length).toBeGreaterThan(0);
      expect(c).toMatchObject({ source: "GENERATED", finishReason: "stop", flaw: null });
      expect(c.inputTokens).toBeGreaterThan(0);
      expect(c.outputTokens).toBeGreaterThan(0);
      expect(c.costUsd).toBeGreaterThan(0);
      expect(c.params).toMatchObject({ model: c.role === "STRONG" ? "test-strong" : "test-weak", maxTokens: 1024 });
    }
    const pairs = await db.pair.findMany({
      where: { projectId: project.id },
      include: { candidateA: true, candidateB: true },
    });
    expect(pairs).toHaveLength(12);
    for (const p of pairs) {
      expect(p.candidateA.role).toBe("STRONG");
      expect(p.candidateB.role).toBe("WEAK");
      expect(p.implicitLabel).toBe("A");
      expect(p.candidateA.promptId).toBe(p.promptId);
    }
    const progress = await getRunProgress(project.id, run.id);
    expect(progress).toMatchObject({
      status: "COMPLETED",
      total: 24,
      counts: { done: 24, failed: 0, pending: 0 },
      pairsFormed: 12,
      etaSeconds: null,
    });
    expect(progress.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(progress.costUsd).toBeCloseTo(
      candidates.reduce((s, c) => s + (c.costUsd ?? 0), 0),
      10,
    );

    // A second run has nothing left to do: refused, recorded nowhere, and nothing stored twice.
    await expect(startRun(project.id, admin.id)).rejects.toMatchObject({
      code: "nothing_to_do",
      message: "Every prompt has its answers already: there is nothing to generate",
    });
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);
    const empty = await generationProject(env.server, { prompts: 0 });
    await expect(startRun(empty.project.id, empty.admin.id)).rejects.toMatchObject({
      code: "nothing_to_do",
      message: "This project has no prompts yet: import some first",
    });
    expect(await candidateCount(project.id)).toBe(24);
  });

  it("stores each answer exactly as the model gave it", async () => {
    // What an array literal or a JSON text could bend: quotes, backslashes, braces, commas, a bare
    // NULL, line breaks, tabs, surrounding spaces, and characters beyond the Basic Multilingual Plane.
    const answers = {
      "test-strong": "NULL",
      "test-weak": '  "quoted", {braced} \\ back\\slash\n\ttab, émoji 🎉 \\N  ',
    };
    env.server.configure({ latencyMs: 5, faults: {}, respond: (r) => answers[r.model as keyof typeof answers] });
    try {
      const { project, admin } = await generationProject(env.server, { prompts: 3 });
      expect((await waitForRun((await startRun(project.id, admin.id)).id)).status).toBe("COMPLETED");
      const candidates = await db.candidate.findMany({ where: { projectId: project.id } });
      expect(candidates).toHaveLength(6);
      for (const c of candidates) expect(c.text).toBe(answers[c.role === "STRONG" ? "test-strong" : "test-weak"]);
      expect(await db.pair.count({ where: { projectId: project.id } })).toBe(3);
    } finally {
      env.server.configure({ respond: undefined });
    }
  });

  it("retries rate limits and server errors until every candidate exists, exactly once", async () => {
    env.server.configure({ latencyMs: 5, faults: { rate429: 0.15, rate500: 0.15 }, retryAfterSeconds: 0 });
    const { project, admin } = await generationProject(env.server, { prompts: 30 });
    const run = await startRun(project.id, admin.id);
    await waitForRun(run.id, 120_000);
    const progress = await getRunProgress(project.id, run.id);
    expect(progress.counts).toMatchObject({ done: 60, failed: 0 });
    expect(progress.retried).toBeGreaterThan(0);
    const rows = await db.candidate.groupBy({
      by: ["promptId", "role"],
      where: { projectId: project.id },
      _count: true,
    });
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r._count === 1)).toBe(true);
    env.server.configure({ faults: {} });
  });

  it("never has more calls in flight than an endpoint's limit, even with two workers", async () => {
    env.server.configure({ latencyMs: 60, faults: {} });
    env.server.resetStats();
    const second = await startWorker({ concurrency: 16 });
    const { project, admin } = await generationProject(env.server, {
      prompts: 24,
      mode: "MULTI_SAMPLE",
      concurrency: 3,
    });
    const run = await startRun(project.id, admin.id);
    await waitForRun(run.id);
    await second.stop(2000);
    expect(env.server.stats().maxConcurrentSeen).toBeLessThanOrEqual(3);
    expect(env.server.stats().maxConcurrentSeen).toBe(3);
    expect(await candidateCount(project.id)).toBe(48);
  });

  it("spaces calls to respect requests per minute", async () => {
    env.server.configure({ latencyMs: 1, faults: {} });
    const { project, admin } = await generationProject(env.server, {
      prompts: 3,
      mode: "MULTI_SAMPLE",
      concurrency: 8,
      requestsPerMinute: 120,
    });
    const started = Date.now();
    const run = await startRun(project.id, admin.id);
    await waitForRun(run.id);
    // 6 calls at 2 per second, with a burst of 2: the last may start no earlier than 2 s in.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it("stops an endpoint's run on an error retrying cannot fix, and says why", async () => {
    env.server.configure({ latencyMs: 5, faults: {} });
    const { project, admin } = await generationProject(env.server, {
      prompts: 8,
      strongModel: "no-such-model",
      concurrency: 1,
    });
    const run = await startRun(project.id, admin.id);
    await waitForRun(run.id);
    const progress = await getRunProgress(project.id, run.id);
    expect(progress.counts.done).toBe(8); // the weak endpoint finished its work
    expect(progress.counts.failed).toBe(8);
    const kinds = progress.errors.map((e) => e.kind).sort();
    expect(kinds).toEqual(["endpoint_stopped", "model_not_found"]);
    expect(progress.errors.find((e) => e.kind === "endpoint_stopped")!.message).toMatch(/stopped after ".*404/);
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(0);

    // Fix the model id, retry the failed tasks: everything completes.
    await db.modelEndpoint.updateMany({ where: { modelId: "no-such-model" }, data: { modelId: "test-strong" } });
    await retryFailed(project.id, run.id);
    await waitForRun(run.id);
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(8);
  });

  it("a run in which every call failed ends Failed; one with some failures ends Completed, counting them", async () => {
    env.server.configure({ latencyMs: 5, faults: {} });
    const { project, admin, weak } = await generationProject(env.server, {
      prompts: 3,
      strongModel: "no-such-model",
      concurrency: 1,
    });
    await db.modelEndpoint.update({ where: { id: weak.id }, data: { modelId: "no-such-model-either" } });
    const run = await startRun(project.id, admin.id);
    expect((await waitForRun(run.id)).status).toBe("FAILED");
    const progress = await getRunProgress(project.id, run.id);
    expect(progress).toMatchObject({ status: "FAILED", counts: { done: 0, failed: 6 } });
    // Provider errors have no reply to show: their message is what the provider said.
    expect(progress.errors.every((e) => e.sample === null)).toBe(true);

    // Fixing one endpoint and retrying: some tasks succeed, the others still fail.
    await db.modelEndpoint.update({ where: { id: weak.id }, data: { modelId: "test-weak" } });
    await retryFailed(project.id, run.id);
    expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    expect((await getRunProgress(project.id, run.id)).counts).toMatchObject({ done: 3, failed: 3 });
  });

  it("pauses, resumes and cancels", async () => {
    env.server.configure({ latencyMs: 40, faults: {} });
    const { project, admin } = await generationProject(env.server, { prompts: 40, concurrency: 2 });
    const run = await startRun(project.id, admin.id);
    await new Promise((r) => setTimeout(r, 300));
    await pauseRun(project.id, run.id);
    // An admin's pause, not the archiving's.
    expect((await getRunProgress(project.id, run.id)).pausedByArchive).toBe(false);
    const paused = await settledWhilePaused(project.id, run.id);

    await resumeRun(project.id, run.id);
    await expect.poll(() => candidateCount(project.id), { timeout: 10_000 }).toBeGreaterThan(paused);
    await cancelRun(project.id, run.id);
    const final = await waitForRun(run.id);
    expect(final.status).toBe("CANCELLED");
    const progress = await getRunProgress(project.id, run.id);
    expect(progress.counts.cancelled).toBeGreaterThan(0);
    expect(progress.counts.pending).toBe(0);
  });

  it("pauses a project's runs under way when it is archived, and resumes them only once it is unarchived", async () => {
    env.server.configure({ latencyMs: 40, faults: {} });
    const { project, admin } = await generationProject(env.server, { prompts: 40, concurrency: 2 });
    const other = await generationProject(env.server, { prompts: 2 });
    const run = await startRun(project.id, admin.id);
    const otherRun = await startRun(other.project.id, other.admin.id);
    await expect.poll(() => candidateCount(project.id), { timeout: 10_000 }).toBeGreaterThan(0);

    await updateProject(project.id, admin, { archived: true });
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("PAUSED");
    // Marked as paused by the archiving, for its card and the Archive panel to say why.
    expect((await getRunProgress(project.id, run.id)).pausedByArchive).toBe(true);
    expect(await countArchivePausedRuns(project.id)).toBe(1);
    await settledWhilePaused(project.id, run.id);
    // Another project's run goes on.
    expect((await waitForRun(otherRun.id)).status).toBe("COMPLETED");

    const archived = { code: "archived", message: "This project is archived; unarchive it to resume its runs" };
    await expect(resumeRun(project.id, run.id)).rejects.toMatchObject(archived);
    await expect(retryFailed(project.id, run.id)).rejects.toMatchObject({
      code: "archived",
      message: "This project is archived; unarchive it to retry its runs",
    });
    await expect(startRun(project.id, admin.id)).rejects.toMatchObject({
      code: "archived",
      message: "This project is archived; unarchive it to generate",
    });

    // Unarchiving does not restart what archiving paused: the admin resumes it.
    await updateProject(project.id, admin, { archived: false });
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("PAUSED");
    expect((await getRunProgress(project.id, run.id)).pausedByArchive).toBe(true);
    await resumeRun(project.id, run.id);
    expect((await getRunProgress(project.id, run.id)).pausedByArchive).toBe(false);
    expect(await countArchivePausedRuns(project.id)).toBe(0);
    expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    expect(await candidateCount(project.id)).toBe(80);
  });

  it("marks truncated answers and keeps them out of pairs unless allowed", async () => {
    env.server.configure({ latencyMs: 1, faults: {} });
    const strict = await generationProject(env.server, { prompts: 3, maxTokens: 3 });
    await waitForRun((await startRun(strict.project.id, strict.admin.id)).id);
    const flaws = await db.candidate.findMany({
      where: { projectId: strict.project.id },
      select: { flaw: true, finishReason: true },
    });
    expect(flaws.every((c) => c.flaw === "TRUNCATED" && c.finishReason === "length")).toBe(true);
    expect(await db.pair.count({ where: { projectId: strict.project.id } })).toBe(0);

    const lenient = await generationProject(env.server, { prompts: 3, maxTokens: 3, allowFlawedInPairs: true });
    await waitForRun((await startRun(lenient.project.id, lenient.admin.id)).id);
    expect(await db.pair.count({ where: { projectId: lenient.project.id } })).toBe(3);
  });

  it("forms MULTI_SAMPLE pairs from distinct samples, disjoint ones first, at most m per prompt", async () => {
    env.server.configure({ latencyMs: 1, faults: {} });
    const { project, admin } = await generationProject(env.server, {
      prompts: 4,
      mode: "MULTI_SAMPLE",
      samplesPerPrompt: 4,
      maxPairsPerPrompt: 3,
    });
    await waitForRun((await startRun(project.id, admin.id)).id);
    const pairs = await db.pair.findMany({
      where: { projectId: project.id },
      include: { candidateA: true, candidateB: true },
    });
    expect(pairs).toHaveLength(12);
    for (const promptId of new Set(pairs.map((p) => p.promptId))) {
      const mine = pairs.filter((p) => p.promptId === promptId);
      expect(mine).toHaveLength(3);
      // Every sample is used, two of the pairs are disjoint, and no two pairs are the same.
      const ids = mine.flatMap((p) => [p.candidateAId, p.candidateBId]);
      expect(new Set(ids).size).toBe(4);
      expect(new Set(mine.map((p) => [p.candidateAId, p.candidateBId].sort().join())).size).toBe(3);
      for (const p of mine) expect(p.candidateA.text).not.toBe(p.candidateB.text);
    }
  });
});
