import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { ROUTE_ACCESS, type Method } from "./route-access";
import { callRoute, loadRoute, routeInput, seedFixtures, type Fixtures, type RouteInput } from "./route-harness";

// Property: whatever a client sends in the body, the path or the query string, a route answers
// without a 500, and every error has the `{ error: { code, message } }` shape. Run as an admin,
// the caller whose requests get furthest. Seeded: FUZZ_SEED=<n> replays a failing run.

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));
const setSession = (user: SessionUser | null) => (session.user = user);

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = { mutating: 40, read: 15 };

const withNul = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`);
const nastyString = fc.oneof(
  { weight: 3, arbitrary: withNul },
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "",
    " ",
    "x".repeat(100_000),
    "9".repeat(400),
    "-1",
    "1e400",
    "NaN",
    "99999-01-01",
    "+275760-09-13T00:00:00.000Z",
    "0000-00-00",
    "../../etc/passwd",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "true",
    "{}",
    "[]",
  ),
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 1e20, -0, 0.5, -1),
);
// Deep nesting goes in as raw text: fast-check's own printing of values is recursive.
const deepJson = (depth: number) => `{"name":${"[".repeat(depth)}${"]".repeat(depth)}}`;
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({ a: { b: { c: "\u0000" } } }, ["\u0000"], Array(2_000).fill("x")),
  fc.jsonValue({ maxDepth: 3 }),
);

/** The route's valid body with one field replaced or added, or something else entirely. */
type FuzzBody = { json?: unknown; raw?: string; type?: string };
const bodyFor = (valid: unknown): fc.Arbitrary<FuzzBody> => {
  const keys = valid && typeof valid === "object" ? Object.keys(valid) : [];
  return fc.oneof<fc.Arbitrary<FuzzBody>[]>(
    fc.record({ json: nastyValue }),
    fc.record({ json: fc.dictionary(fc.string({ maxLength: 10 }), nastyValue, { maxKeys: 5 }) }),
    fc
      .tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...keys, "extra") },
          fc.string({ unit: "binary", maxLength: 8 }),
        ),
        nastyValue,
      )
      .map(([key, value]) => ({ json: { ...(valid as object), [key]: value } })),
    fc.record({
      raw: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom("{", '{"a":', "\u0000", "null", '"\\u0000"', deepJson(50_000)),
      ),
      type: fc.constantFrom("application/json", "application/octet-stream", "text/plain", "multipart/form-data"),
    }),
  );
};

const paramsFor = (valid: Record<string, string | string[]>) =>
  fc.record(
    Object.fromEntries(
      Object.entries(valid).map(([k, v]) => [k, fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, nastyString)]),
    ) as Record<string, fc.Arbitrary<string | string[]>>,
  );

const queryArb = fc.dictionary(
  fc.constantFrom(
    "format",
    "type",
    "fileName",
    "mapping",
    "partial",
    "kind",
    "includeArchived",
    "from",
    "to",
    "testFraction",
    "testCount",
    "split",
    "sources",
    "seed",
    "download",
    "q",
    "outcome",
    "after",
    "before",
    "limit",
    "flagged",
    "x",
  ),
  nastyString.filter((s) => s.length < 5_000),
  { maxKeys: 4 },
);

let fx: Fixtures;
beforeAll(async () => {
  fx = await seedFixtures(setSession);
});

const rows = Object.entries(ROUTE_ACCESS).flatMap(([route, methods]) =>
  Object.entries(methods)
    .filter(([, access]) => access !== "external")
    .map(([method]) => ({ route, method: method as Method })),
);

describe("fuzzing every route's input", () => {
  it.each(rows)(
    "$method $route never answers 500, and errors have the API shape",
    { timeout: 120_000 },
    async ({ route, method }) => {
      const handler = (await loadRoute(route))[method]!;
      const valid = await routeInput(route, method, fx, "admin");
      const mutating = method !== "GET" && method !== "HEAD";
      const problems: string[] = [];
      await fc
        .assert(
          fc.asyncProperty(
            paramsFor(valid.params),
            queryArb,
            mutating ? bodyFor(valid.body) : fc.constant<FuzzBody>({}),
            async (params, query, body) => {
              const input: RouteInput = { params, query };
              if (body.raw !== undefined) input.rawBody = body.raw;
              else if ("json" in body) input.body = body.json;
              const res = await callRoute(handler, method, input, "admin", fx, setSession, body.type);
              if (res.status < 400) {
                await res.body?.cancel();
                return;
              }
              const text = await res.text();
              let shaped = false;
              try {
                const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
                shaped = typeof json.error?.code === "string" && typeof json.error?.message === "string";
              } catch {
                shaped = false;
              }
              if (res.status >= 500 || !shaped) {
                problems.push(`${res.status} ${text.slice(0, 300)}`);
                return false;
              }
            },
          ),
          { numRuns: mutating ? RUNS.mutating : RUNS.read, seed: SEED, endOnFailure: true },
        )
        .catch((err: Error) => {
          throw new Error(`FUZZ_SEED=${SEED}: ${problems.at(-1) ?? ""}\n${err.message.slice(0, 3000)}`);
        });
      expect(problems).toEqual([]);
    },
  );
});
