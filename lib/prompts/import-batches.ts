import "server-only";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { ImportBatch } from "@/lib/generated/prisma/client";
import type { ImportRowError } from "@/lib/imports";
import type { ImportBatchView } from "./types";

type Creator = { id: string; email: string | null };

/** An import as the browser sees it. */
export function importBatchView(batch: ImportBatch, creator: Creator): ImportBatchView {
  return {
    id: batch.id,
    kind: batch.kind,
    fileName: batch.fileName,
    format: batch.format,
    total: batch.total,
    imported: batch.imported,
    invalid: batch.invalid,
    duplicates: batch.duplicates,
    nulsRemoved: batch.nulsRemoved,
    errors: batch.errors as unknown as ImportRowError[],
    createdAt: batch.createdAt.toISOString(),
    createdBy: creator,
  };
}

async function creators(ids: string[]): Promise<Map<string, Creator>> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** The project's imports, newest first. */
export async function listImportBatches(projectId: string, limit = 50): Promise<ImportBatchView[]> {
  if (!(await db.project.findUnique({ where: { id: projectId }, select: { id: true } })))
    throw new NotFoundError("Project");
  const batches = await db.importBatch.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  const byId = await creators(batches.map((b) => b.createdById));
  return batches.map((b) => importBatchView(b, byId.get(b.createdById) ?? { id: b.createdById, email: null }));
}
