import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The system message a pair is judged, labelled and exported with, as a SQL expression: the
 * prompt's own, else the one its model answers were generated with (`answerSystems` in order of
 * preference, as column expressions of `Candidate."systemPrompt"`). Never the project's setting as
 * it is now: it may have changed since the answers were made, and written, imported or document
 * answers never saw it, so a pair with neither has no system message. Blank counts as none.
 */
export function pairSystemSql(promptSystem: string, answerSystems: readonly [string, string]): string {
  return `coalesce(${[promptSystem, ...answerSystems].map((s) => `nullif(${s}, '')`).join(", ")})`;
}

/** The system message of one pair by the rule above; null when it has none (or no such pair). */
export async function pairSystem(pairId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ system: string | null }[]>`
    SELECT ${Prisma.raw(pairSystemSql(`pr."system"`, [`ca."systemPrompt"`, `cb."systemPrompt"`]))} AS system
    FROM "Pair" p
    JOIN "Prompt" pr ON pr."id" = p."promptId"
    JOIN "Candidate" ca ON ca."id" = p."candidateAId"
    JOIN "Candidate" cb ON cb."id" = p."candidateBId"
    WHERE p."id" = ${pairId}`;
  return row?.system ?? null;
}
