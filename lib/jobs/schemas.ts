import { z } from "zod";
import { pageLimit, timeCursorSchema } from "@/lib/pagination";

export const runParamsSchema = z.object({ id: z.string().min(1), runId: z.string().min(1) });

export const RUN_PAGE_DEFAULT = 20;
export const RUN_PAGE_MAX = 100;

/** A page of runs, newest first: what a run page shows is the first one. */
export const runPageQuerySchema = z.object({
  cursor: timeCursorSchema.optional(),
  limit: pageLimit(RUN_PAGE_DEFAULT, RUN_PAGE_MAX),
});

// Every kind of run shares the list; a page asks for its own kind (DOCUMENTS: both document kinds).
export const runsQuerySchema = runPageQuerySchema.extend({
  kind: z
    .enum(["GENERATION", "JUDGING", "DOCUMENTS"], { error: "kind must be GENERATION, JUDGING or DOCUMENTS" })
    .optional(),
});

export const runActionSchema = z.object({
  action: z.enum(["pause", "resume", "cancel", "retry_failed"], {
    error: "action must be pause, resume, cancel or retry_failed",
  }),
});
export type RunAction = z.infer<typeof runActionSchema>["action"];
