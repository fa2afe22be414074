import "server-only";
import type { RunKind } from "@/lib/generated/prisma/client";
import { docInstructionsExecutor, docPreferencesExecutor } from "@/lib/document-runs/executor";
import { generationExecutor } from "@/lib/generation/executor";
import { judgingExecutor } from "@/lib/judging/executor";
import type { Executor } from "./types";

export type Registry = { [K in RunKind]: Executor<K> };

/** Which executor does the tasks of each kind of run. A new kind of work: its executor file and one line here. */
export const registry: Registry = {
  GENERATION: generationExecutor,
  JUDGING: judgingExecutor,
  DOC_INSTRUCTIONS: docInstructionsExecutor,
  DOC_PREFERENCES: docPreferencesExecutor,
};
