import "server-only";
import { db } from "@/lib/db";
import { ensureChunks } from "@/lib/documents";
import { syncEndpointSlots } from "@/lib/endpoints/slots";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { notifyWork } from "@/lib/jobs/queue";
import { refuseEmptyRun } from "@/lib/jobs/empty-run";
import { refuseWhenArchived } from "@/lib/projects/archived";
import { readEvaluationJsonl } from "./filters";
import {
  documentRunModeLabels,
  documentRunSettingsSchema,
  runKindOf,
  startDocumentRunSchema,
  type StartDocumentRunInput,
} from "./settings";

/**
 * Starts a document run: the project's documents cut into chunks under its current settings
 * (ensureChunks), then one task per chunk asking the generator endpoint for n items. The settings
 * are stored with the run, with those chunk settings and the evaluation set read into its prompts.
 */
export async function startDocumentRun(projectId: string, userId: string, input: StartDocumentRunInput) {
  const { evaluationJsonl, ...rest } = startDocumentRunSchema.parse(input);
  const evaluation = readEvaluationJsonl(evaluationJsonl ?? "");
  if (evaluation.badLines.length)
    throw new InvalidError(
      "evaluation_invalid",
      `The evaluation file has lines without a prompt: ${evaluation.badLines.slice(0, 5).join(", ")}`,
    );
  const settings = documentRunSettingsSchema.parse({ ...rest, evaluationPrompts: evaluation.prompts });

  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project");
  refuseWhenArchived(project, "run");
  const ids = [...new Set([settings.generatorEndpointId, settings.rejectedEndpointId ?? settings.generatorEndpointId])];
  const endpoints = await db.modelEndpoint.findMany({ where: { id: { in: ids }, archivedAt: null } });
  if (endpoints.length !== ids.length) throw new InvalidError("endpoint_missing", "Choose an endpoint that exists");
  const busy = await db.run.findFirst({
    where: { projectId, kind: { in: ["DOC_INSTRUCTIONS", "DOC_PREFERENCES"] }, status: { in: ["RUNNING", "PAUSED"] } },
  });
  if (busy) throw new ConflictError("run_in_progress", "A document run of this project is already in progress");

  const { settings: chunking, settingsKey, chunks } = await ensureChunks(projectId);
  if (!chunks) throw new ConflictError("no_chunks", "Upload documents first: this project has no chunks to work on");
  for (const e of endpoints) await syncEndpointSlots(db, e.id, e.concurrencyLimit);

  const run = await db.run.create({
    // The chunk settings the tasks' chunks were cut under, stored with the run: its card describes
    // them after the project's settings have changed.
    data: { projectId, createdById: userId, kind: runKindOf(settings.mode), settings: { ...settings, chunking } },
  });
  // A chunk counts as worked on once a run of the same mode finished its task (a chunk-level task:
  // items' rejected answers are tasks of their own); a chunk whose task failed or was cancelled
  // is asked again.
  const tasks = await db.$executeRaw`
    INSERT INTO "Task" ("id", "runId", "projectId", "chunkId", "endpointId", "role", "updatedAt")
    SELECT gen_random_uuid()::text, ${run.id}, ${projectId}, c."id", ${settings.generatorEndpointId}, 'STRONG', now()
    FROM "Chunk" c JOIN "Document" d ON d."id" = c."documentId"
    WHERE c."projectId" = ${projectId} AND c."settingsKey" = ${settingsKey}
      AND (${settings.chunks} = 'ALL' OR NOT EXISTS (
        SELECT 1 FROM "Run" r JOIN "Task" t ON t."runId" = r."id" AND t."chunkId" = c."id" AND t."itemIndex" IS NULL
        WHERE r."projectId" = ${projectId} AND r."kind" = ${run.kind}::"RunKind" AND t."status" = 'DONE'))
    ORDER BY d."createdAt", d."id", c."index"`;
  if (!tasks)
    await refuseEmptyRun(
      run.id,
      `Every chunk has been worked on by an earlier ${documentRunModeLabels[settings.mode].toLowerCase()} run: upload documents, or choose all chunks to run them again`,
    );
  await notifyWork();
  return run;
}
