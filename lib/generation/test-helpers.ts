import { db } from "@/lib/db";
import type { EvaluationMode, GenerationMode } from "@/lib/generated/prisma/client";

/** A project with `prompts` prompts and endpoints on the loopback model server. */
export async function generationProject(
  server: { baseUrl: string },
  opts: {
    prompts: number;
    mode?: GenerationMode;
    evaluation?: EvaluationMode;
    concurrency?: number;
    requestsPerMinute?: number;
    maxTokens?: number;
    strongModel?: string;
    samplesPerPrompt?: number;
    maxPairsPerPrompt?: number;
    allowFlawedInPairs?: boolean;
  },
) {
  const admin = await db.user.create({
    data: { email: `a-${Math.random()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const mode = opts.mode ?? "STRONG_WEAK";
  const project = await db.project.create({
    data: {
      name: "gen",
      generationMode: mode,
      evaluationMode: opts.evaluation ?? "HUMAN",
      createdById: admin.id,
      samplesPerPrompt: opts.samplesPerPrompt ?? 2,
      maxPairsPerPrompt: opts.maxPairsPerPrompt ?? 1,
      allowFlawedInPairs: opts.allowFlawedInPairs ?? false,
    },
  });
  const endpoint = (name: string, modelId: string) =>
    db.modelEndpoint.create({
      data: {
        name: `${name}-${project.id}`,
        provider: "OPENAI_COMPATIBLE",
        baseUrl: server.baseUrl,
        modelId,
        concurrencyLimit: opts.concurrency ?? 4,
        requestsPerMinute: opts.requestsPerMinute ?? null,
        maxTokens: opts.maxTokens ?? 1024,
        inputPricePerMTok: 1,
        outputPricePerMTok: 2,
      },
    });
  const strong = await endpoint("strong", opts.strongModel ?? "test-strong");
  const weak = await endpoint("weak", "test-weak");
  const links =
    mode === "STRONG_WEAK"
      ? [
          { endpointId: strong.id, role: "STRONG" as const },
          { endpointId: weak.id, role: "WEAK" as const },
        ]
      : [{ endpointId: strong.id, role: "SAMPLER" as const }];
  await db.projectEndpoint.createMany({ data: links.map((l) => ({ ...l, projectId: project.id })) });
  await db.prompt.createMany({
    data: Array.from({ length: opts.prompts }, (_, i) => ({
      projectId: project.id,
      text: `Question number ${i}: explain item ${i}.`,
      promptKey: `key-${project.id}-${i}`,
    })),
  });
  return { admin, project, strong, weak };
}
