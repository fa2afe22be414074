import { z } from "zod";

export const runParamsSchema = z.object({ id: z.string().min(1), runId: z.string().min(1) });

// Every kind of run shares the list; a page asks for its own kind (DOCUMENTS: both document kinds).
export const runsQuerySchema = z.object({
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
