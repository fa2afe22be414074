import { z } from "zod";
import { projectChildParams } from "@/lib/params";

// Shared by the Documents page and the routes.

export const documentParamsSchema = projectChildParams("documentId");

export const documentFormatSchema = z.enum(["TEXT", "MARKDOWN", "HTML"]);

const fileName = z.string().trim().min(1, "A file needs a name").max(255);

/** The JSON form of an upload: files as base64 (the browser sends several in one request), and pasted text. */
export const documentUploadSchema = z
  .object({
    files: z
      .array(z.object({ name: fileName, data: z.base64("must be base64") }))
      .max(1000)
      .default([]),
    pasted: z
      .array(
        z.object({
          title: z.string().trim().min(1, "Give the text a title").max(300),
          text: z.string().min(1, "Paste some text"),
          format: documentFormatSchema.default("TEXT"),
        }),
      )
      .max(100)
      .default([]),
  })
  .refine((u) => u.files.length + u.pasted.length > 0, { message: "Choose files or paste some text", path: ["files"] });

export type DocumentUpload = z.infer<typeof documentUploadSchema>;

/** The raw-body form, for scripts: one file (or a .zip) as the body, its name in the query. */
export const rawUploadQuerySchema = z.object({ fileName });
