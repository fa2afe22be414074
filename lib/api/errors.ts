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

/** Where a request's input came from: what an issue about the input as a whole is labelled with. */
export type InputPart = "body" | "query";

/** A request's query string refused by its schema: a 422 like any zod error, labelled as the query's. */
export class InputValidationError extends Error {
  constructor(
    readonly zodError: z.ZodError,
    readonly part: InputPart,
  ) {
    super(zodError.message);
  }
}

/** The query string read with its schema; a refusal names the query parameters, not a body. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new InputValidationError(parsed.error, "query");
  return parsed.data;
}

/**
 * 422 body listing each invalid field by its dotted path. Names a schema does not know are one
 * issue on the object holding them; each is listed under its own name (`minVote`), as a field
 * it would have been. An issue about the input as a whole is labelled `(body)` or `(query)`.
 */
export function validationBody(err: z.ZodError, part: InputPart = "body"): ErrorBody {
  const whole = `(${part})`;
  const fields: { path: string; message: string }[] = [];
  const summary: string[] = [];
  for (const issue of err.issues) {
    const at = issue.path.map(String);
    const paths =
      issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...at, key].join(".")) : [at.join(".") || whole];
    for (const path of paths) fields.push({ path, message: issue.message });
    summary.push(`${paths.join(", ")}: ${issue.message}`);
  }
  return errorBody("invalid_input", summary.join("; "), fields);
}
