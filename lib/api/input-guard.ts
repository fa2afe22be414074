import { z } from "zod";

// PostgreSQL cannot store U+0000: text refuses it (22021) and jsonb refuses the \u0000 escape
// (22P05), so a NUL anywhere in a request would surface as a 500 from deep inside a query. It is
// refused here once, for every route, before any schema or database sees it.

const MAX_ISSUES = 20;
const NUL_MESSAGE = "must not contain the NUL character (\\u0000)";

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

const shown = (key: string) => key.replaceAll("\0", "\\u0000");

/** Throws a validation error (422 naming each field by its path) when any string or object key holds a NUL. */
export function refuseNul<T>(input: T): T {
  const issues: z.core.$ZodIssue[] = [];
  const stack: Node[] = [{ value: input }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === "string") {
      if (value.includes("\0")) issues.push({ code: "custom", path: pathOf(node), message: NUL_MESSAGE, input: value });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value).reverse()) {
        const child = { value: item, key: shown(key), parent: node };
        if (key.includes("\0")) issues.push({ code: "custom", path: pathOf(child), message: `field name ${NUL_MESSAGE}`, input: key });
        stack.push(child);
      }
    }
  }
  if (issues.length) throw new z.ZodError(issues);
  return input;
}

/** Route params and query values, checked whether or not the route declares a schema for them. */
export function refuseNulInUrl(req: Request, params: Record<string, unknown>): void {
  refuseNul(params);
  refuseNul(Object.fromEntries(new URL(req.url).searchParams));
}
