import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/endpoints/crypto";
import type { EvaluationMode, OutputMode, Provider } from "@/lib/generated/prisma/client";
import { messageText, type ParsedChatRequest } from "@/lib/testing/model-server";

/**
 * A pair for the scripted judge: each answer carries its quality (the score the judge gives it)
 * and a behaviour marker shared by both answers, so the judge acts the same in either order.
 * biased: always prefers the answer shown first. broken: never valid JSON. flaky: invalid
 * first, valid on the repair.
 */
export interface PairSpec {
  qa: number;
  qb: number;
  marker?: "biased" | "broken" | "flaky";
}

const answer = (i: number, side: string, q: number, marker?: string) =>
  `Answer ${side} to prompt ${i}. quality=${q}${marker ? ` [${marker}]` : ""}`;

export async function judgingProject(
  server: { baseUrl: string },
  specs: PairSpec[],
  settings: {
    evaluationMode?: EvaluationMode;
    uncertainToHumans?: boolean;
    confidenceThreshold?: number;
    auditShare?: number;
    judge?: { provider?: Provider; apiKey?: string; structuredOutput?: OutputMode; modelId?: string };
  } = {},
  /** One judge endpoint per model id: several make a panel. */
  judgeModels: string[] = [settings.judge?.modelId ?? "test-judge"],
) {
  const admin = await db.user.create({
    data: { email: `j-${Math.random()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: {
      name: "judged",
      generationMode: "IMPORTED",
      evaluationMode: settings.evaluationMode ?? "LLM_JUDGE",
      uncertainToHumans: settings.uncertainToHumans ?? true,
      confidenceThreshold: settings.confidenceThreshold ?? 2,
      auditShare: settings.auditShare ?? 0.1,
      systemPrompt: "Be concise.",
      createdById: admin.id,
    },
  });
  const judges = [];
  for (const [i, modelId] of judgeModels.entries()) {
    const judge = await db.modelEndpoint.create({
      data: {
        name: `judge-${i + 1}-${project.id}`,
        provider: settings.judge?.provider ?? "OPENAI_COMPATIBLE",
        baseUrl: server.baseUrl,
        modelId,
        structuredOutput: settings.judge?.structuredOutput ?? "AUTO",
        apiKeyCiphertext: settings.judge?.apiKey ? encryptSecret(settings.judge.apiKey) : null,
        concurrencyLimit: 4,
        temperature: 0.9, // the judge call must override it with 0
        inputPricePerMTok: 1,
        outputPricePerMTok: 2,
      },
    });
    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: judge.id, role: "JUDGE" } });
    judges.push(judge);
  }
  const pairs = [];
  for (const [i, s] of specs.entries()) {
    const prompt = await db.prompt.create({
      data: { projectId: project.id, text: `Prompt ${i}`, promptKey: `k${i}-${project.id}` },
    });
    const [a, b] = await Promise.all(
      [answer(i, "one", s.qa, s.marker), answer(i, "two", s.qb, s.marker)].map((text, sampleIndex) =>
        db.candidate.create({
          data: { projectId: project.id, promptId: prompt.id, source: "IMPORTED", text, sampleIndex },
        }),
      ),
    );
    pairs.push({
      spec: s,
      pair: await db.pair.create({
        data: { projectId: project.id, promptId: prompt.id, candidateAId: a!.id, candidateBId: b!.id },
      }),
      a: a!,
      b: b!,
    });
  }
  return { admin, project, judge: judges[0]!, judges, pairs };
}

/** The answers as the judge saw them: first and second shown. */
export function shownAnswers(request: ParsedChatRequest): { first: string; second: string } {
  const user = messageText(request.messages[1]!);
  const grab = (tag: string) => new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(user)?.[1] ?? "";
  return { first: grab("answer_a"), second: grab("answer_b") };
}

const quality = (text: string) => Number(/quality=(\d+)/.exec(text)?.[1]);

/** The scripted judge behind the model server's `respond` hook. */
export function scriptedJudge(request: ParsedChatRequest): string {
  const { first, second } = shownAnswers(request);
  const repair = request.messages.length > 2;
  if (first.includes("[broken]")) return '{"winner": "A", "score_a": 7, "score_b": ';
  if (first.includes("[flaky]") && !repair) return '{"winner": "first", "score_a": 7, "score_b": 3, "rationale": "x"}';
  if (first.includes("[biased]"))
    return JSON.stringify({ winner: "A", score_a: 8, score_b: 4, rationale: "The first one reads better." });
  const [qa, qb] = [quality(first), quality(second)];
  const verdict = {
    winner: qa > qb ? "A" : qb > qa ? "B" : "tie",
    score_a: qa,
    score_b: qb,
    rationale: "Judged by quality.",
  };
  return repair ? "```json\n" + JSON.stringify(verdict) + "\n```" : JSON.stringify(verdict);
}

/** The expected verdict of a well-behaved pair (no marker, or flaky). */
export function expectedAgreed(s: PairSpec) {
  return {
    label: s.qa > s.qb ? "A" : s.qb > s.qa ? "B" : "TIE",
    confidence: s.qa === s.qb ? 0 : Math.abs(s.qa - s.qb),
  };
}
