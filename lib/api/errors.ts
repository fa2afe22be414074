import { z } from "zod";

/** An error meant for the caller: its status, code and message are sent as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const unauthorized = () => new ApiError(401, "unauthorized", "Sign in to continue");
export const forbidden = () => new ApiError(403, "forbidden", "You do not have access to this resource");

export interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

export function errorBody(code: string, message: string, fields?: ErrorBody["error"]["fields"]): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

/** 422 body listing each invalid field by its dotted path. */
export function validationBody(err: z.ZodError): ErrorBody {
  const fields = err.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
  return errorBody("invalid_input", summary, fields);
}
