import { z } from "zod";
import { importFormatSchema, ImportFormatError, type ImportFormat, type ImportInput } from "@/lib/imports";
import { ApiError, parseQuery } from "./errors";
import { refuseUnstorableText } from "./input-guard";
import { parseJson, readUtf8Body } from "./json-body";
import { checkDeclaredLength, limitedBody } from "./upload";

// How an import reaches the server. A file is the raw request body (the browser sends the File
// itself, so neither side holds it in memory) with its settings in the query string; pasted
// text comes as JSON. multipart/form-data is refused: parsing it buffers the whole file.

export interface ImportRequest {
  input: ImportInput;
  format?: ImportFormat;
  fileName?: string;
  /** Checked by the import against its own mapping schema. */
  mapping?: unknown;
  /** Pair imports: mark every imported pair gold, the file's chosen answer being the known one. */
  gold?: boolean;
}

const mappingJson = z.string().transform((value, ctx) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a JSON object" });
    return z.NEVER;
  }
});

const fileName = z.string().trim().max(255).optional();

export const importQuerySchema = z.object({
  format: importFormatSchema.optional(),
  fileName,
  mapping: mappingJson.optional(),
  gold: z.stringbool().optional(),
});

export const pastedImportSchema = z.object({
  text: z.string({ error: "Paste some text to import" }).min(1, "Paste some text to import"),
  format: importFormatSchema.optional(),
  fileName,
  mapping: z.unknown().optional(),
  gold: z.boolean().optional(),
});

function contentType(req: Request): string {
  // split always yields a first element.
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Reads a JSON body of pasted text, holding at most `maxBytes`. */
async function pasted(req: Request, maxBytes: number): Promise<ImportRequest> {
  const json = parseJson(await readUtf8Body(req, maxBytes));
  // Read here rather than by the route wrapper, so checked here: a NUL in pasted JSON is a 422.
  const { text: input, ...rest } = pastedImportSchema.parse(refuseUnstorableText(json));
  return { input, ...rest };
}

export async function readImportRequest(req: Request, maxBytes: number): Promise<ImportRequest> {
  checkDeclaredLength(req, maxBytes);
  const type = contentType(req);
  if (type === "application/json") return pasted(req, maxBytes);
  if (type === "multipart/form-data") {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send the file itself as the request body (Content-Type: application/octet-stream) with format, fileName and mapping in the query string.",
    );
  }
  const query = parseQuery(importQuerySchema, req);
  return { input: limitedBody(req, maxBytes), ...query };
}

/** Runs an import, turning a fatal file problem into the answer the caller should get. */
export async function withImportErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ImportFormatError) {
      throw new ApiError(err.code === "too_large" ? 413 : 422, err.code, err.message);
    }
    throw err;
  }
}
