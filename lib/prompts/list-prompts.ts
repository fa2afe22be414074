import "server-only";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { listPromptsQuerySchema, type ListPromptsQuery } from "./schemas";
import type { PromptListItem, PromptPage } from "./types";

/** The list shows the start of each prompt; a page of 100,000-character prompts would be megabytes. */
export const LISTED_TEXT_CHARS = 500;

const clip = (text: string) => (text.length > LISTED_TEXT_CHARS ? `${text.slice(0, LISTED_TEXT_CHARS)}…` : text);

/**
 * One page of a project's prompts, newest first. Imported rows get increasing ids in file
 * order, so within one import the last line comes first. The cursor is the last id shown.
 */
export async function listPrompts(projectId: string, query: ListPromptsQuery = {}): Promise<PromptPage> {
  const { cursor, limit } = listPromptsQuerySchema.parse(query);
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
  if (!project) throw new NotFoundError("Project");
  const rows = await db.prompt.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor && { cursor: { id: cursor }, skip: 1 }),
    take: limit + 1,
    select: {
      id: true,
      text: true,
      system: true,
      externalId: true,
      createdAt: true,
      _count: { select: { candidates: true, pairs: true } },
    },
  });
  const page = rows.slice(0, limit);
  const prompts: PromptListItem[] = page.map(({ _count, createdAt, text, system, ...p }) => ({
    ...p,
    text: clip(text),
    system: system === null ? null : clip(system),
    createdAt: createdAt.toISOString(),
    counts: _count,
  }));
  return {
    prompts,
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    ...(!cursor && { total: await db.prompt.count({ where: { projectId } }) }),
  };
}
