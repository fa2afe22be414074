import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { createTestPair } from "@/lib/testing/factories";
import { startModelServer, type ModelServer, type ParsedChatRequest } from "@/lib/testing/model-server";
import { mulberry32 } from "@/lib/testing/model-server/hash";
import { naturalAnswer } from "@/lib/testing/model-server/text";
import { startJudgingRun } from "./runs";
import { judgingProject } from "./test-helpers";

// The judge against the loopback server in each of its emulations, with no scripted answers:
// what a new user trying Pairwise without a model provider gets.
let server: ModelServer;
let worker: Worker;
let requests: ParsedChatRequest[] = [];

beforeAll(async () => {
  server = await startModelServer({ models: ["test-judge"], latencyMs: 2, onRequest: (r) => void requests.push(r) });
  worker = await startWorker({ concurrency: 8 });
});
afterAll(async () => {
  await worker.stop(2000);
  await server.close();
});
beforeEach(() => {
  requests = [];
  server.configure({ structured: "full", apiKey: undefined });
});

/** Strong and weak answers as generation from the loopback server gives them; every fourth pair two strong ones. */
async function realisticAnswers(pairs: Awaited<ReturnType<typeof judgingProject>>["pairs"]) {
  for (const [i, { a, b }] of pairs.entries()) {
    const ask = [{ role: "user", content: `Prompt ${i}: explain something useful.` }];
    const weak = i % 4 === 3 ? "test-strong" : "test-weak";
    await db.candidate.update({
      where: { id: a.id },
      data: { text: naturalAnswer("test-strong", ask, mulberry32(i)) },
    });
    await db.candidate.update({ where: { id: b.id }, data: { text: naturalAnswer(weak, ask, mulberry32(1000 + i)) } });
  }
}

async function judge(projectId: string, adminId: string) {
  const run = await startJudgingRun(projectId, adminId);
  expect((await waitForRun(run.id, 120_000)).status).toBe("COMPLETED");
}

const specs = (n: number) => Array.from({ length: n }, () => ({ qa: 5, qb: 5 }));
const judgments = (projectId: string) => db.judgment.findMany({ where: { projectId } });
const formats = () => requests.map((r) => r.response_format?.type ?? "none");

/** Adds pairs to a judged project, so a second run uses the same judge endpoint. */
async function addPairs(projectId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await createTestPair(projectId, `More ${i}`, {
      answers: [`A longer answer number ${i} with several more words in it than the other.`, `Short ${i}.`],
    });
  }
}

describe("judge output modes against the loopback server", () => {
  it("default server: a whole hybrid run gives agreed and uncertain pairs and no failures, all through JSON schema", async () => {
    const { project, admin, pairs } = await judgingProject(server, specs(32), { evaluationMode: "HYBRID" });
    await realisticAnswers(pairs);
    await judge(project.id, admin.id);

    const byStatus = await db.pair.groupBy({ by: ["judgeStatus"], where: { projectId: project.id }, _count: true });
    const count = (status: string) => byStatus.find((g) => g.judgeStatus === status)?._count ?? 0;
    expect(count("FAILED")).toBe(0);
    expect(count("AGREED")).toBeGreaterThan(0);
    expect(count("UNCERTAIN")).toBeGreaterThan(0);
    expect(count("AGREED") + count("UNCERTAIN")).toBe(32);
    const stored = await judgments(project.id);
    expect(stored).toHaveLength(64);
    for (const j of stored) expect(j).toMatchObject({ status: "OK", outputMode: "JSON_SCHEMA", repaired: false });
    expect(new Set(formats())).toEqual(new Set(["json_schema"]));
    expect(requests[0]!.response_format).toMatchObject({
      json_schema: { name: "verdict", schema: { required: ["winner", "score_a", "score_b", "rationale"] } },
    });
    for (const r of requests) expect(r.temperature).toBe(0);
  }, 150_000);

  it("JSON schema refused (json-mode server): JSON mode judges, and the endpoint stops asking for the schema", async () => {
    server.configure({ structured: "json-mode" });
    const { project, admin, judge: endpoint } = await judgingProject(server, specs(4));
    await judge(project.id, admin.id);

    for (const j of await judgments(project.id))
      expect(j).toMatchObject({ status: "OK", outputMode: "JSON_MODE", repaired: false });
    expect(formats()).toContain("json_schema"); // refused with a 400, then JSON mode
    expect(server.stats().byStatus[400]).toBeGreaterThan(0);
    expect(await db.modelEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      detectedOutputMode: "JSON_MODE",
    });
    expect((await db.task.findMany({ where: { projectId: project.id } })).every((t) => t.status === "DONE")).toBe(true);

    requests = [];
    await addPairs(project.id, 3);
    await judge(project.id, admin.id);
    expect(formats()).toEqual(Array(6).fill("json_object"));
    expect(await db.judgment.count({ where: { projectId: project.id, outputMode: "JSON_MODE", status: "OK" } })).toBe(
      14,
    );
  }, 120_000);

  it("no structured output (server ignores response_format): prompt only with repairs, no failures, remembered", async () => {
    server.configure({ structured: "none" });
    const {
      project,
      admin,
      judge: endpoint,
      pairs,
    } = await judgingProject(server, specs(16), { evaluationMode: "HYBRID" });
    await realisticAnswers(pairs);
    await judge(project.id, admin.id);

    const stored = await judgments(project.id);
    for (const j of stored) expect(j).toMatchObject({ status: "OK", outputMode: "PROMPT_ONLY" });
    const repaired = stored.filter((j) => j.repaired);
    expect(repaired.length).toBeGreaterThan(0);
    expect(repaired.length).toBeLessThan(stored.length);
    expect(await db.pair.count({ where: { projectId: project.id, judgeStatus: "FAILED" } })).toBe(0);
    expect(formats()).toEqual(expect.arrayContaining(["json_schema", "json_object", "none"]));
    // A repair request carries the earlier reply and says what was wrong with it.
    const repair = requests.find((r) => r.messages.length > 2)!;
    expect(repair.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(repair.response_format).toBeUndefined();
    expect(await db.modelEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      detectedOutputMode: "PROMPT_ONLY",
    });
  }, 120_000);

  it("an endpoint set to prompt only never sends a response_format", async () => {
    const { project, admin } = await judgingProject(server, specs(3), { judge: { structuredOutput: "PROMPT_ONLY" } });
    await addPairs(project.id, 2);
    await judge(project.id, admin.id);
    expect(new Set(formats())).toEqual(new Set(["none"]));
    for (const j of await judgments(project.id)) expect(j.outputMode).toBe("PROMPT_ONLY");
    expect(await db.judgment.count({ where: { projectId: project.id, status: "OK" } })).toBe(10);
  }, 120_000);

  it("Anthropic: the verdict comes back as a forced tool call through the Messages API", async () => {
    const key = "sk-ant-fixture-5c1e9a7b3d";
    server.configure({ apiKey: key });
    const { project, admin, pairs } = await judgingProject(server, specs(4), {
      judge: { provider: "ANTHROPIC", apiKey: key },
    });
    await realisticAnswers(pairs);
    await judge(project.id, admin.id);

    for (const j of await judgments(project.id))
      expect(j).toMatchObject({ status: "OK", outputMode: "JSON_SCHEMA", repaired: false });
    expect(requests).toHaveLength(8);
    for (const r of requests) {
      expect(r).toMatchObject({ api: "messages", credential: key, temperature: 0 });
      expect(r.messages[0]!.role).toBe("system"); // sent as Anthropic's system field
      const tools = r.raw.tools as { name: string; input_schema: { required: string[] } }[];
      expect(tools[0]!.input_schema.required).toEqual(["winner", "score_a", "score_b", "rationale"]);
      expect(tools).toHaveLength(1); // the verdict tool, forced
      expect(r.raw.tool_choice).toMatchObject({ type: "any" });
    }
    expect(
      await db.pair.count({ where: { projectId: project.id, judgeStatus: { in: ["AGREED", "UNCERTAIN"] } } }),
    ).toBe(4);
  }, 120_000);
});
