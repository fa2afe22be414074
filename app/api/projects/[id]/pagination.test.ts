import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { exportProject, seedSnapshotRow } from "@/lib/export/test-helpers";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const lists: Record<string, { route: Route; items: string }> = {
  prompts: { route: (await import("./prompts/route")).GET, items: "prompts" },
  pairs: { route: (await import("./pairs/route")).GET, items: "pairs" },
  disagreements: { route: (await import("./disagreements/route")).GET, items: "pairs" },
  exports: { route: (await import("./exports/route")).GET, items: "exports" },
  runs: { route: (await import("./runs/route")).GET, items: "runs" },
  "judging/runs": { route: (await import("./judging/runs/route")).GET, items: "runs" },
};

async function get(list: string, projectId: string, query: string) {
  const res = await lists[list]!.route(new Request(`http://test/api/projects/${projectId}/${list}${query}`), {
    params: Promise.resolve({ id: projectId }),
  });
  return { status: res.status, body: await res.json() };
}

/** What a generic paginator does: follow nextCursor as ?cursor= until it is null. */
async function walk(list: string, projectId: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  // Bounded: a list that hands back the same page forever fails here rather than hanging.
  for (let i = 0; i < 10; i++) {
    const res = await get(list, projectId, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status).toBe(200);
    pages.push(res.body[lists[list]!.items].map((r: { id: string }) => r.id));
    cursor = res.body.nextCursor;
    if (cursor === null) return pages;
  }
  throw new Error(`${list}: still a nextCursor after 10 pages`);
}

async function setup() {
  const { project, pair } = await exportProject("HUMAN");
  const admin = await db.user.findUniqueOrThrow({ where: { id: project.createdById } });
  session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  const pairs = [];
  // Split votes: the disagreements list holds them too.
  for (let i = 0; i < 5; i++)
    pairs.push(await pair({ prompt: `prompt ${i}`, votes: [{ choice: "A" }, { choice: "B" }] }));
  const runs = [];
  const snapshots = [];
  for (let i = 0; i < 5; i++) {
    const kind = "JUDGING" as const;
    runs.push(await db.run.create({ data: { projectId: project.id, createdById: admin.id, kind } }));
    snapshots.push(await seedSnapshotRow(project.id, admin.id, { status: "COMPLETE", completedAt: new Date() }));
  }
  return { project, pairs, runs, snapshots };
}

describe("paginated lists", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("all page with ?limit= and ?cursor=<nextCursor>, each row once, to a last page", async () => {
    const { project, pairs, runs, snapshots } = await setup();
    const newestFirst = (rows: { id: string }[]) => rows.map((r) => r.id).reverse();
    const expected: Record<string, string[]> = {
      pairs: newestFirst(pairs),
      disagreements: newestFirst(pairs),
      exports: newestFirst(snapshots),
      runs: newestFirst(runs),
      "judging/runs": newestFirst(runs),
    };
    for (const [list, ids] of Object.entries(expected)) {
      const pages = await walk(list, project.id, 2);
      expect(
        pages.map((p) => p.length),
        list,
      ).toEqual([2, 2, 1]);
      expect(pages.flat(), list).toEqual(ids);
    }
    expect((await walk("prompts", project.id, 2)).flat()).toHaveLength(5);
  });

  it("keeps after on the pair lists as another name for cursor, and refuses both at once", async () => {
    const { project } = await setup();
    for (const list of ["pairs", "disagreements"]) {
      const first = await get(list, project.id, "?limit=2");
      const cursor = encodeURIComponent(first.body.nextCursor);
      const byCursor = await get(list, project.id, `?limit=2&cursor=${cursor}`);
      const byAfter = await get(list, project.id, `?limit=2&after=${cursor}`);
      expect(byCursor.body.pairs.map((p: { id: string }) => p.id)).toEqual(
        byAfter.body.pairs.map((p: { id: string }) => p.id),
      );
      expect(byCursor.body.pairs[0].id).not.toBe(first.body.pairs[0].id);
      const both = await get(list, project.id, `?cursor=${cursor}&after=${cursor}`);
      expect(both.status).toBe(422);
      expect(both.body.error.fields[0]).toEqual({
        path: "after",
        message: "after is another name for cursor: give one of them",
      });
    }
  });

  it("refuses a limit past the list's maximum, and a cursor the list did not give out, naming them", async () => {
    const { project } = await setup();
    const big = await get("exports", project.id, "?limit=1000");
    expect(big.status).toBe(422);
    expect(big.body.error.fields).toEqual([{ path: "limit", message: 'limit must be between 1 and 200 (got "1000")' }]);
    const runs = await get("runs", project.id, "?kind=JUDGING&cursor=abc");
    expect(runs.body.error.fields).toEqual([
      { path: "cursor", message: 'cursor is not one this list gave out (got "abc")' },
    ]);
  });
});
