import "server-only";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { listPromptsQuerySchema, type ListPromptsQuery } from "./schemas";
import type { ListedText, PromptListItem, PromptPage, PromptView } from "./types";
import { clip } from "@/lib/clip";

/** The list shows the start of each prompt; a page of 100,000-character prompts would be megabytes. */
export const LISTED_TEXT_CHARS = 500;

/**
 * The start of a text, saying it is only the start and how long the whole is: a script
 * comparing prompts with its source must not take a cut text for the stored one.
 */
function listed(text: string): ListedText {
  const truncated = text.length > LISTED_TEXT_CHARS;
  return { text: truncated ? clip(text, LISTED_TEXT_CHARS) : text, truncated, length: text.length };
}

const promptSelect = {
  id: true,
  text: true,
  system: true,
  externalId: true,
  createdAt: true,
  _count: { select: { candidates: true, pairs: true } },
} as const;

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
    select: promptSelect,
  });
  const page = rows.slice(0, limit);
  const prompts: PromptListItem[] = page.map(({ _count, createdAt, text, system, ...p }) => {
    const t = listed(text);
    const sys = system === null ? null : listed(system);
    return {
      ...p,
      text: t.text,
      textTruncated: t.truncated,
      textLength: t.length,
      system: sys?.text ?? null,
      systemTruncated: sys?.truncated ?? false,
      systemLength: sys?.length ?? 0,
      createdAt: createdAt.toISOString(),
      counts: _count,
    };
  });
  return {
    prompts,
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    ...(!cursor && { total: await db.prompt.count({ where: { projectId } }) }),
  };
}

/** One prompt of the project, its text and system message whole. */
export async function getPrompt(projectId: string, promptId: string): Promise<PromptView> {
  const row = await db.prompt.findFirst({ where: { id: promptId, projectId }, select: promptSelect });
  if (!row) throw new NotFoundError("Prompt");
  const { _count, createdAt, ...p } = row;
  return { ...p, createdAt: createdAt.toISOString(), counts: _count };
}
