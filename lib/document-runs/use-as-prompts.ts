import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { promptKey } from "@/lib/imports";
import { projectNameSchema, refuseWhenArchived, requireProjectAdmin, type ProjectActor } from "@/lib/projects";

export const usePromptsSchema = z.union([
  z.object({ targetProjectId: z.string().min(1) }),
  z.object({ newProjectName: projectNameSchema }),
]);
export type UsePromptsInput = z.input<typeof usePromptsSchema>;

/**
 * Imports an instruction run's kept instructions as prompts of a preference project (an existing
 * one, or a new STRONG_WEAK project). Verbatim, and deduplicated as imports are: one prompt per
 * normalised text, none the project already has. Each prompt's metadata names its document, chunk
 * and run; the batch shows in the project's import history.
 */
export async function useInstructionsAsPrompts(
  projectId: string,
  runId: string,
  actor: ProjectActor,
  input: UsePromptsInput,
) {
  const target = usePromptsSchema.parse(input);
  const run = await db.run.findFirst({ where: { id: runId, projectId } });
  if (!run) throw new NotFoundError("Run");
  if (run.kind !== "DOC_INSTRUCTIONS")
    throw new ConflictError("not_instructions", "Only an instruction run has instructions to use");
  const project =
    "targetProjectId" in target
      ? await requireProjectAdmin(target.targetProjectId, actor)
      : await db.project.create({
          data: {
            name: target.newProjectName,
            generationMode: "STRONG_WEAK",
            evaluationMode: "HUMAN",
            createdById: actor.id,
          },
        });
  refuseWhenArchived(project, "send instructions to it as prompts", "That project");

  const items = await db.docItem.findMany({
    where: { runId, status: "KEPT" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { instruction: true, documentId: true, chunkId: true },
  });
  const seen = new Set<string>();
  const rows = items.flatMap((item) => {
    const key = promptKey(item.instruction);
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        projectId: project.id,
        text: item.instruction,
        promptKey: key,
        metadata: { source: "document", runId, documentId: item.documentId, chunkId: item.chunkId },
      },
    ];
  });
  return db.$transaction(async (tx) => {
    const batch = await tx.importBatch.create({
      data: {
        projectId: project.id,
        kind: "PROMPTS",
        fileName: null,
        format: "document-run",
        total: items.length,
        imported: 0,
        invalid: 0,
        duplicates: 0,
        createdById: actor.id,
      },
    });
    const { count } = await tx.prompt.createMany({
      data: rows.map((r) => ({ ...r, importId: batch.id })),
      skipDuplicates: true,
    });
    await tx.importBatch.update({
      where: { id: batch.id },
      data: { imported: count, duplicates: items.length - count },
    });
    return { projectId: project.id, imported: count, duplicates: items.length - count };
  });
}
