import { z } from "zod";

export const runParamsSchema = z.object({ id: z.string().min(1), runId: z.string().min(1) });

// Generation and judging runs share the list; a page asks for its own kind.
export const runsQuerySchema = z.object({
  kind: z.enum(["GENERATION", "JUDGING"], { error: "kind must be GENERATION or JUDGING" }).optional(),
});

export const runActionSchema = z.object({
  action: z.enum(["pause", "resume", "cancel", "retry_failed"], {
    error: "action must be pause, resume, cancel or retry_failed",
  }),
});
export type RunAction = z.infer<typeof runActionSchema>["action"];
