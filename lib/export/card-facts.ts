import "server-only";
import { db } from "@/lib/db";
import { rubricFor } from "@/lib/judging/rubric";
import { getProjectMetrics } from "@/lib/metrics/project-metrics";
import { describeChecks, documentRunSettingsSchema, getRunFunnel } from "@/lib/document-runs";
import type { CandidateSource } from "@/lib/generated/prisma/enums";
import type { CardDocumentRun, CardEndpoint, CardInput, CardPairOrigins } from "./card";

// What the dataset card says about the project: its modes, the models (ids and sampling only:
// base URLs and keys stay out), and its agreement figures.

export type CardProjectFacts = Pick<CardInput, "project" | "endpoints" | "judge" | "origins">;

export async function cardProjectFacts(projectId: string): Promise<CardProjectFacts> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    include: {
      endpoints: {
        include: {
          endpoint: {
            select: {
              name: true,
              modelId: true,
              provider: true,
              temperature: true,
              topP: true,
              maxTokens: true,
              seed: true,
            },
          },
        },
        orderBy: [{ role: "asc" }, { endpointId: "asc" }],
      },
    },
  });
  const endpoints: CardEndpoint[] = project.endpoints.map((pe) => ({ role: pe.role, ...pe.endpoint }));
  const byStatus = await db.pair.groupBy({
    by: ["judgeStatus"],
    where: { projectId, judgeStatus: { not: null } },
    _count: true,
  });
  const of = (s: string) => byStatus.find((v) => v.judgeStatus === s)?._count ?? 0;
  // What the answers were generated with, not the setting as it is now.
  const withSystem = await db.candidate.findFirst({
    where: { projectId, source: "GENERATED", systemPrompt: { not: null } },
    select: { id: true },
  });
  // Decided by the judge, sent to annotators all the same (low confidence, audit), and no human
  // label yet: their rows carry the judge's label meanwhile.
  const decidedAwaitingHumans = await db.pair.count({
    where: {
      projectId,
      judgeStatus: "AGREED",
      reviewReason: { not: null },
      goldLabel: null,
      voteCount: 0,
      adjudication: null,
    },
  });
  // Not judged in both orders by every judge of the current panel: no judge verdict yet.
  const waiting = await db.pair.count({ where: { projectId, judgeStatus: null } });
  return {
    origins: await pairOrigins(projectId),
    judge: {
      judged: of("AGREED") + of("UNCERTAIN") + of("FAILED"),
      waiting,
      uncertain: of("UNCERTAIN"),
      failed: of("FAILED"),
      decidedAwaitingHumans,
    },
    project: {
      name: project.name,
      description: project.description,
      generationMode: project.generationMode,
      evaluationMode: project.evaluationMode,
      overlap: project.overlap,
      samplesPerPrompt: project.samplesPerPrompt,
      maxPairsPerPrompt: project.maxPairsPerPrompt,
      uncertainToHumans: project.uncertainToHumans,
      confidenceThreshold: project.confidenceThreshold,
      auditShare: project.auditShare,
      trust: { minAccuracy: project.trustMinAccuracy, minGold: project.trustMinGold },
      rubric: rubricFor(project.judgeRubric),
      hasSystemPrompt: withSystem !== null,
      writersPerPrompt: project.writersPerPrompt,
      humanPairing: project.humanPairing,
    },
    endpoints,
  };
}

/** At most this many document runs are described on one card (their pairs are all counted). */
const CARD_DOCUMENT_RUNS = 10;

/** Where the project's pairs' answers came from, how many people voted on them, and their document runs. */
async function pairOrigins(projectId: string): Promise<CardPairOrigins> {
  const [sources, [pairs], votes, runs] = await Promise.all([
    db.$queryRaw<{ source: CandidateSource; n: number }[]>`
      SELECT c."source", count(*)::int AS n
      FROM "Pair" p JOIN "Candidate" c ON c."id" IN (p."candidateAId", p."candidateBId")
      WHERE p."projectId" = ${projectId} GROUP BY 1`,
    db.$queryRaw<{ total: number; documents: number }[]>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE a."source" = 'DOCUMENT' OR b."source" = 'DOCUMENT')::int AS documents
      FROM "Pair" p JOIN "Candidate" a ON a."id" = p."candidateAId" JOIN "Candidate" b ON b."id" = p."candidateBId"
      WHERE p."projectId" = ${projectId}`,
    db.vote.count({ where: { projectId } }),
    db.$queryRaw<{ runId: string }[]>`
      SELECT i."runId" FROM "DocItem" i JOIN "Pair" p ON p."id" = i."pairId"
      WHERE p."projectId" = ${projectId}
      GROUP BY 1 ORDER BY min(i."createdAt"), 1 LIMIT ${CARD_DOCUMENT_RUNS}`,
  ]);
  return {
    answerSources: Object.fromEntries(sources.map((r) => [r.source, r.n])),
    pairs: pairs?.total ?? 0,
    fromDocuments: pairs?.documents ?? 0,
    votes,
    documentRuns: await Promise.all(runs.map((r) => cardRunFacts(projectId, r.runId))),
  };
}

const share = (v: number | null, n: number, unit = "") =>
  v === null ? null : `${(v * 100).toFixed(1)}% (n = ${n}${unit && ` ${unit}`})`;
const stat = (v: number | null, n: number, reason?: string) =>
  v === null ? (reason ? `not computed: ${reason}` : null) : `${v.toFixed(3)} (n = ${n})`;

/**
 * The project's agreement and quality figures (lib/metrics) at export time, as card lines.
 * Per-annotator figures stay out: the card may be published, and they name people.
 */
export async function cardAgreement(projectId: string): Promise<CardInput["agreement"]> {
  const m = await getProjectMetrics(projectId);
  const lines: [string, string | null][] = [];
  if (m.judgeHuman.n > 0) {
    lines.push(["Judge vs human accuracy", share(m.judgeHuman.accuracy, m.judgeHuman.n)]);
    lines.push(["Judge vs human Cohen's kappa", stat(m.judgeHuman.kappa, m.judgeHuman.n, m.judgeHuman.kappaReason)]);
  }
  if (m.positionBias.n > 0)
    lines.push([
      "Judge verdicts that changed when the answers were swapped",
      share(m.positionBias.inconsistentShare, m.positionBias.n, "verdicts, one per pair and judge"),
    ]);
  if (m.positionBias.nJudgments > 0)
    lines.push([
      "Judgments won by the answer shown first",
      share(m.positionBias.firstPositionWinShare, m.positionBias.nJudgments, "judgments"),
    ]);
  if (m.annotators.nPairs > 0) {
    const a = m.annotators.kappaOrAlpha;
    lines.push([`Annotator agreement (${a.label})`, stat(a.value, a.n, a.reason)]);
    if (m.annotators.fleiss.n > 0)
      lines.push([
        `Fleiss' kappa (${m.annotators.fleiss.raters} votes per pair)`,
        stat(m.annotators.fleiss.value, m.annotators.fleiss.n, m.annotators.fleiss.reason),
      ]);
  }
  if (m.strongWeak.n > 0)
    lines.push(["Strong model's answer chosen", share(m.strongWeak.strongWinRate, m.strongWeak.n)]);
  if (m.lengthBias.n > 0) lines.push(["Longer answer chosen", share(m.lengthBias.longerChosenShare, m.lengthBias.n)]);
  const figures = lines.filter((l): l is [string, string] => l[1] !== null).map(([name, value]) => ({ name, value }));
  return {
    figures,
    note: figures.length
      ? "Figures cover the whole project when the export was made, not only the exported rows (n: the pairs or judgments each rests on)."
      : undefined,
  };
}

/** Where an sft export's rows came from when they are an instruction run's items (the `run` option). */
export async function cardRunFacts(projectId: string, runId: string): Promise<CardDocumentRun> {
  const run = await db.run.findFirstOrThrow({ where: { id: runId, projectId } });
  const settings = documentRunSettingsSchema.parse(run.settings);
  const endpoint = (id: string) =>
    db.modelEndpoint.findUnique({
      where: { id },
      select: { name: true, modelId: true, provider: true, temperature: true, topP: true, maxTokens: true, seed: true },
    });
  const [funnel, documents, generator, rejected, edited] = await Promise.all([
    getRunFunnel(projectId, runId, 0),
    db.docItem.findMany({ where: { runId, status: "KEPT" }, distinct: ["documentId"], select: { documentId: true } }),
    endpoint(settings.generatorEndpointId),
    settings.mode === "PREFERENCES" ? endpoint(settings.rejectedEndpointId ?? settings.generatorEndpointId) : null,
    db.docItem.count({
      where: { runId, status: "KEPT", OR: [{ originalInstruction: { not: null } }, { originalAnswer: { not: null } }] },
    }),
  ]);
  const filters = describeChecks(settings);
  return {
    runId,
    status: run.status,
    startedAt: run.createdAt,
    documents: documents.length,
    chunks: funnel.chunks,
    itemsPerChunk: settings.itemsPerChunk,
    mode: settings.mode,
    generator,
    rejected,
    chunking: settings.chunking,
    funnel: funnel.steps.map((s) => ({ label: s.label, count: s.count })),
    filters,
    edited,
  };
}
