import "server-only";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import type { Project } from "@/lib/generated/prisma/client";
import { invalid } from "./invalid";
import type { ExpectedSettings } from "./schemas";

/** What each setting is called on the settings page, for the conflict message. */
const LABELS: Record<string, string> = {
  name: "Name",
  description: "Description",
  guidelines: "Guidelines for annotators",
  systemPrompt: "System prompt",
  generationMode: "Generation mode",
  evaluationMode: "Evaluation mode",
  samplesPerPrompt: "Samples per prompt",
  maxPairsPerPrompt: "Pairs per prompt",
  allowFlawedInPairs: "Flawed candidates in pairs",
  overlap: "Votes per pair",
  writersPerPrompt: "Writers per prompt",
  minAnswerChars: "Shortest written answer",
  humanPairing: "Written answers compared with",
  queueStrategy: "Queue order",
  judgeRubric: "Judge rubric",
  uncertainToHumans: "Uncertain verdicts to people",
  confidenceThreshold: "Confidence threshold",
  auditShare: "Audit share",
  goldRate: "Gold rate",
  trustMinAccuracy: "Trust threshold",
  trustMinGold: "Gold answers before the trust rule applies",
  chunkMinChars: "Shortest chunk",
  chunkMaxChars: "Longest chunk",
  chunkOverlapSentences: "Sentences repeated between chunks",
  shortDocuments: "Short documents",
};

/** The where-clause that holds the stored settings to the expected values; unknown fields are refused. */
export function expectedWhere(expected: ExpectedSettings | undefined): Record<string, unknown> {
  if (!expected) return {};
  const unknown = Object.keys(expected).filter((f) => !(f in LABELS));
  if (unknown.length) throw invalid(unknown.map((f) => ({ path: ["expected", f], message: "Not a project setting" })));
  return expected;
}

/** The expected fields whose stored value has changed since the form was loaded. */
export function changedFields(project: Project, expected: ExpectedSettings | undefined): string[] {
  const stored = project as unknown as Record<string, unknown>;
  return Object.entries(expected ?? {})
    .filter(([field, value]) => stored[field] !== value)
    .map(([field]) => field);
}

/**
 * Refuses a save made on a form loaded before someone else's change, naming who and when and the
 * settings that changed, so the admin can reload and redo theirs.
 */
export async function editConflict(projectId: string, expected: ExpectedSettings | undefined): Promise<ConflictError> {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  const fields = changedFields(project, expected);
  const who = project.settingsChangedById
    ? await db.user.findUnique({ where: { id: project.settingsChangedById }, select: { name: true, email: true } })
    : null;
  const by = who ? (who.name ? `${who.name} (${who.email})` : who.email) : "someone";
  const at = (project.settingsChangedAt ?? project.updatedAt).toISOString().slice(0, 16).replace("T", " ");
  const what = fields.length ? ` (${fields.map((f) => LABELS[f] ?? f).join(", ")})` : "";
  return new ConflictError(
    "edit_conflict",
    `These settings were changed by ${by} at ${at} UTC since you opened them${what}. ` +
      "Your changes were not saved: reload to see the current settings, then make your changes again.",
  );
}
