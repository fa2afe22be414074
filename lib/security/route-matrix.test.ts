import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { CALLERS, expectedFor, projectAccessFor, ROUTE_ACCESS, type Method } from "./route-access";
import {
  callRoute,
  listRouteFiles,
  loadRoute,
  routeInput,
  seedFixtures,
  type Fixtures,
  type RouteInput,
} from "./route-harness";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));
const setSession = (user: SessionUser | null) => (session.user = user);

let fx: Fixtures;
beforeAll(async () => {
  fx = await seedFixtures(setSession);
});

describe("route access matrix", () => {
  it("has an entry for every route file and exported method, and none for routes that are gone", async () => {
    const problems: string[] = [];
    const files = listRouteFiles();
    for (const route of files) {
      const entry = ROUTE_ACCESS[route];
      const exported = Object.keys(await loadRoute(route)) as Method[];
      if (!entry) {
        problems.push(
          `app/api/${route}/route.ts has no entry in lib/security/route-access.ts (methods ${exported.join(", ")})`,
        );
        continue;
      }
      for (const m of exported)
        if (!entry[m]) problems.push(`${m} app/api/${route} has no entry in lib/security/route-access.ts`);
      for (const m of Object.keys(entry))
        if (!exported.includes(m as Method)) problems.push(`${m} ${route} is listed but not exported`);
    }
    for (const route of Object.keys(ROUTE_ACCESS))
      if (!files.includes(route)) problems.push(`${route} is listed but has no route file`);
    expect(problems).toEqual([]);
  });

  const rows = Object.entries(ROUTE_ACCESS).flatMap(([route, methods]) =>
    Object.entries(methods)
      .filter(([, access]) => access !== "external")
      .map(([method, access]) => ({ route, method: method as Method, access: access! })),
  );

  it.each(rows)("$method $route ($access)", async ({ route, method, access }) => {
    const handler = (await loadRoute(route))[method]!;
    const wrong: string[] = [];
    for (const caller of CALLERS) {
      const expected = expectedFor(route, method, access, caller);
      const res = await callRoute(handler, method, await routeInput(route, method, fx, caller), caller, fx, setSession);
      const text = await res.text();
      const hidden = res.status === 404 && text.includes("Project not found");
      const ok =
        expected === "allowed"
          ? res.status < 500 && res.status !== 401 && res.status !== 403 && !hidden
          : expected === 404
            ? hidden
            : res.status === expected;
      if (!ok) wrong.push(`${caller}: expected ${expected}, got ${res.status} ${text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("has every project route declare its project access in the wrapper, as listed", async () => {
    const wrong: string[] = [];
    for (const { route, method, access } of rows) {
      const declared = ((await loadRoute(route))[method] as { project?: string }).project;
      const expected = projectAccessFor(route, access);
      if (declared !== expected) wrong.push(`${method} ${route}: declares ${declared}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  // The access check runs before the query and body are read: a caller without access learns
  // nothing from validation errors, and no handler starts work for them.
  const projectRows = rows.filter((r) => r.route.startsWith("projects/[id]"));
  it.each(projectRows)(
    "$method $route refuses before validating the query or body",
    async ({ route, method, access }) => {
      const handler = (await loadRoute(route))[method]!;
      const query = { format: "nope", kind: "nope", page: "-1", limit: "x", withWork: "2", partial: "x" };
      const got: Record<string, string> = {};
      const send = async (caller: "admin" | "member" | "outsider", projectId: string) => {
        const valid = await routeInput(route, method, fx, caller);
        const input: RouteInput = { params: { ...valid.params, id: projectId }, query, body: [1] };
        const res = await callRoute(handler, method, input, caller, fx, setSession);
        const text = await res.text();
        got[caller] =
          res.status === 404 && text.includes("Project not found") ? "hidden" : `${res.status} ${text.slice(0, 120)}`;
      };
      await send("admin", "no-such-project");
      await send("outsider", fx.projectId);
      if (access !== "member") await send("member", fx.projectId);
      const forbidden = `403 {"error":{"code":"forbidden","message":"You do not have access to this resource"}}`;
      const expected: Record<string, string> = { admin: "hidden", outsider: access === "admin" ? forbidden : "hidden" };
      if (access !== "member") expected.member = forbidden;
      expect(got).toEqual(expected);
    },
  );
});
