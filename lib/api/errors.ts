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
    /** The parameters as sent (strings): what a refused one is quoted as, before any coercion. */
    readonly sent?: Record<string, unknown>,
  ) {
    super(zodError.message);
  }
}

/** The parameters a query schema names, when it is an object schema (refined or transformed). */
function acceptedParams(schema: z.ZodType): string[] | undefined {
  if (schema instanceof z.ZodPipe) return acceptedParams(schema.in as z.ZodType);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/**
 * A query string's parameters, refusing what last-wins would hide: a parameter given twice
 * (`format=trl&format=orca` exported Orca) or one the route does not take (`?cursor=` on a list
 * paged with another name answered its first page forever). No route takes a repeated parameter:
 * lists of values are comma-separated.
 */
function queryParams(schema: z.ZodType, params: URLSearchParams): Record<string, string> {
  const issues: z.core.$ZodIssue[] = [];
  const names = [...new Set(params.keys())];
  for (const name of names) {
    const values = params.getAll(name);
    if (values.length > 1)
      issues.push({
        code: "custom",
        path: [name],
        input: values,
        message: `${name} is given ${values.length} times; give it once`,
      });
  }
  const accepted = acceptedParams(schema);
  if (accepted) {
    for (const name of names.filter((n) => !accepted.includes(n)))
      issues.push({
        code: "custom",
        path: [name],
        message: `${name} is not a parameter of this request (it takes ${accepted.join(", ") || "none"})`,
      });
  }
  if (issues.length) throw new InputValidationError(new z.ZodError(issues), "query");
  return Object.fromEntries(params);
}

/** The query string read with its schema; a refusal names the query parameters, not a body. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const params = queryParams(schema, new URL(req.url).searchParams);
  const parsed = schema.safeParse(params, { reportInput: true });
  if (!parsed.success) throw new InputValidationError(parsed.error, "query", params);
  return parsed.data;
}

/** The longest part of a refused value a message repeats. */
const SHOWN_VALUE_CHARS = 100;

/**
 * The value a field was refused for, as a message shows it: a string quoted (cut, saying so,
 * past SHOWN_VALUE_CHARS; an empty one not at all), a number or boolean as it is, repeated values each. Objects are left
 * out: an issue about a whole object (two options that do not go together) names its fields.
 */
export function shownValue(value: unknown): string | undefined {
  // An empty field's message ("Enter a name") says all there is.
  if (value === "") return undefined;
  if (typeof value === "string") {
    const cut = value.length > SHOWN_VALUE_CHARS;
    return `${JSON.stringify(cut ? value.slice(0, SHOWN_VALUE_CHARS) : value)}${cut ? `… (${value.length} characters)` : ""}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v !== "object" || v === null)) {
    const shown = value.map(shownValue);
    return shown.every((v) => v !== undefined) ? shown.join(", ") : undefined;
  }
  return undefined;
}

const SECRET_FIELD = /password|secret|key$|token/i;

/** An issue's message, with the value it refused when the issue carries one (reportInput). */
function withValue(issue: z.core.$ZodIssue, sent?: Record<string, unknown>): string {
  if (issue.code === "unrecognized_keys" || issue.path.length === 0) return issue.message;
  // A refused password or API key is not sent back: answers end up in logs and on screens.
  if (SECRET_FIELD.test(String(issue.path[issue.path.length - 1]))) return issue.message;
  // A refinement of the whole input (two options that do not go together) names its fields.
  const proto = typeof issue.input === "object" && issue.input !== null && Object.getPrototypeOf(issue.input);
  if (proto === Object.prototype || proto === null) return issue.message;
  const name = String(issue.path[0]);
  const value = issue.path.length === 1 && sent && Object.hasOwn(sent, name) ? sent[name] : issue.input;
  const shown = shownValue(value);
  return shown === undefined ? issue.message : `${issue.message} (got ${shown})`;
}

/**
 * 422 body listing each invalid field by its dotted path. Names a schema does not know are one
 * issue on the object holding them; each is listed under its own name (`minVote`), as a field
 * it would have been. An issue about the input as a whole is labelled `(body)` or `(query)`.
 * An issue about one value says what was sent (`format must be one of … (got "dpo")`).
 */
export function validationBody(err: z.ZodError, part: InputPart = "body", sent?: Record<string, unknown>): ErrorBody {
  const whole = `(${part})`;
  const fields: { path: string; message: string }[] = [];
  const summary: string[] = [];
  for (const issue of err.issues) {
    const at = issue.path.map(String);
    const paths =
      issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...at, key].join(".")) : [at.join(".") || whole];
    const message = withValue(issue, sent);
    for (const path of paths) fields.push({ path, message });
    summary.push(`${paths.join(", ")}: ${message}`);
  }
  return errorBody("invalid_input", summary.join("; "), fields);
}
