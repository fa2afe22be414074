import { z } from "zod";

// PostgreSQL cannot store U+0000: text refuses it (22021) and jsonb refuses the \u0000 escape
// (22P05), so a NUL anywhere in a request would surface as a 500 from deep inside a query. A lone
// UTF-16 surrogate ("\ud800" in JSON) has no UTF-8 form at all and fails the same way. Both are
// refused here once, for every route, before any schema or database sees them.

const MAX_ISSUES = 20;
const NUL_MESSAGE = "must not contain the NUL character (\\u0000)";
const SURROGATE_MESSAGE = "must not contain an unpaired surrogate (\\ud800-\\udfff)";

function problem(text: string): string | null {
  if (text.includes("\0")) return NUL_MESSAGE;
  return text.isWellFormed() ? null : SURROGATE_MESSAGE;
}

// Paths are linked to their parent and only spelled out for an issue: a body nested 100,000
// deep must neither overflow the stack nor copy a path per level.
interface Node {
  value: unknown;
  key?: PropertyKey;
  parent?: Node;
}

function pathOf(node: Node): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let n: Node | undefined = node; n?.parent; n = n.parent) path.push(n.key!);
  return path.reverse();
}

const shown = (key: string) => key.replaceAll("\0", "\\u0000").toWellFormed();

/** Throws a validation error (422 naming each field by its path) when any string or object key cannot be stored. */
export function refuseUnstorableText<T>(input: T): T {
  const issues: z.core.$ZodIssue[] = [];
  const stack: Node[] = [{ value: input }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === "string") {
      const message = problem(value);
      if (message) issues.push({ code: "custom", path: pathOf(node), message, input: value });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value).reverse()) {
        const child = { value: item, key: shown(key), parent: node };
        const message = problem(key);
        if (message) issues.push({ code: "custom", path: pathOf(child), message: `field name ${message}`, input: key });
        stack.push(child);
      }
    }
  }
  if (issues.length) throw new z.ZodError(issues);
  return input;
}

/** Route params and query values, checked whether or not the route declares a schema for them. */
export function refuseUnstorableInUrl(req: Request, params: Record<string, unknown>): void {
  refuseUnstorableText(params);
  refuseUnstorableText(Object.fromEntries(new URL(req.url).searchParams));
}
