import { z } from "zod";
import { idParamsSchema, projectChildParams } from "@/lib/params";
import { importFormatSchema } from "@/lib/imports/detect-format";

export const projectParamsSchema = idParamsSchema;
export const promptParamsSchema = projectChildParams("promptId");

export const PROMPT_PAGE_DEFAULT = 50;
export const PROMPT_PAGE_MAX = 200;

export const listPromptsQuerySchema = z.object({
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(PROMPT_PAGE_MAX).default(PROMPT_PAGE_DEFAULT),
});
export type ListPromptsQuery = z.input<typeof listPromptsQuerySchema>;

export const previewQuerySchema = z.object({
  format: importFormatSchema.optional(),
  fileName: z.string().trim().max(255).optional(),
  /** "1" when the body is only the start of a larger file. */
  partial: z.enum(["0", "1"]).optional(),
});

export const importParamsSchema = projectParamsSchema.extend({ importId: z.string().min(1).max(100) });
