import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { createTestUser } from "@/lib/testing/factories";
import { createToken } from "@/lib/tokens/tokens";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const exportRoute = (await import("./route")).GET;
const preview = (await import("./preview/route")).GET;
const list = (await import("../exports/route")).GET;
const file = (await import("../exports/[snapshotId]/file/route")).GET;
const card = (await import("../exports/[snapshotId]/card/route")).GET;
// Next.js answers HEAD with the route's own HEAD, or else by running GET and dropping its body.
const headOf = (mod: { GET: Route; HEAD?: Route }) => mod.HEAD ?? mod.GET;
const exportHead = headOf(await import("./route"));
const fileHead = headOf(await import("../exports/[snapshotId]/file/route"));

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const get = (route: Route, params: Record<string, string>, query = "", headers: Record<string, string> = {}) =>
  route(new Request(`http://test/api/x${query}`, { headers }), { params: Promise.resolve(params) });
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function setup(answerChars = 20) {
  const { project, pair } = await exportProject("HUMAN");
  for (let i = 0; i < 4; i++) {
    await pair({
      prompt: `p${i}`,
      a: `a${i} ${"x".repeat(answerChars)}`,
      b: `b${i} ${"y".repeat(answerChars)}`,
      votes: [{ choice: i % 2 ? "A" : "B" }],
    });
  }
  await pair({ prompt: "unlabelled" });
  const admin = await db.user.findUniqueOrThrow({ where: { id: project.createdById } });
  session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  return project;
}

describe("export routes", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("answers 422 naming the field before sending any file, and records nothing", async () => {
    const p = await setup();
    const bad = await get(exportRoute, { id: p.id }, "?format=xml");
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toEqual([
      {
        path: "format",
        message: 'format must be one of trl, trl_conversational, orca, sft, sft_trl, sft_conversational (got "xml")',
      },
    ]);
    const split = await get(exportRoute, { id: p.id }, "?split=train");
    expect((await split.json()).error.fields[0]).toMatchObject({ path: "split" });
    const frac = await get(preview, { id: p.id }, "?split=test&testFraction=2");
    expect((await frac.json()).error.fields[0]).toMatchObject({
      path: "testFraction",
      message: 'testFraction must be between 0 and 1 (got "2")',
    });
    // A valid JS date PostgreSQL cannot take back: refused by name instead of failing the query.
    const far = await get(exportRoute, { id: p.id }, "?from=99999-01-01");
    expect(far.status).toBe(422);
    expect((await far.json()).error.fields).toEqual([
      { path: "from", message: 'from must be a date between the years 1 and 9999 (got "99999-01-01")' },
    ]);
    expect((await (await get(preview, { id: p.id }, "?to=-001000-01-01")).json()).error.fields[0]).toMatchObject({
      path: "to",
    });
    // A misspelt filter is refused by name rather than ignored (a file without the filter).
    for (const route of [exportRoute, preview]) {
      const typo = await get(route, { id: p.id }, "?format=trl&minVotez=3");
      expect(typo.status).toBe(422);
      // Named as the query parameter it is, not as a body.
      const { error } = await typo.json();
      expect(error.message).toMatch(/^minVotez: minVotez is not a parameter of this request \(it takes format, /);
      expect(error.fields).toEqual([
        { path: "minVotez", message: expect.stringMatching(/^minVotez is not a parameter of this request \(/) },
      ]);
    }
    // Given twice, an option is refused by name rather than the last one winning (an Orca file).
    const twice = await get(exportRoute, { id: p.id }, "?format=trl&format=orca");
    expect(twice.status).toBe(422);
    expect((await twice.json()).error.fields).toEqual([
      { path: "format", message: 'format is given 2 times; give it once (got "trl", "orca")' },
    ]);
    expect(await db.exportSnapshot.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("streams the file as the client reads it, then re-downloads it byte for byte", async () => {
    // 4 pairs of 2 x 200 KB: the engine hands the file on in several pieces of about 256 KB.
    const p = await setup(200_000);
    const preview200 = await get(preview, { id: p.id }, "?format=orca");
    expect(await preview200.json()).toMatchObject({
      counts: { splits: { train: 4, test: 0 }, excluded: { unlabelled: 1 } },
      columns: ["system", "question", "chosen", "rejected"],
    });

    const res = await get(exportRoute, { id: p.id }, "?format=orca");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="export-orca-all.jsonl"');
    const snapshotId = res.headers.get("x-pairwise-snapshot")!;
    // A live stream: after the first piece is read, at most one more is produced ahead of the
    // reader, so the snapshot cannot be complete yet.
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    const first = await reader.read();
    parts.push(first.value!);
    expect((await db.exportSnapshot.findUniqueOrThrow({ where: { id: snapshotId } })).status).toBe("RUNNING");
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    const bytes = Buffer.concat(parts);
    expect(
      bytes
        .toString()
        .trim()
        .split("\n")
        .map((l) => Object.keys(JSON.parse(l))),
    ).toEqual(Array(4).fill(["system", "question", "chosen", "rejected"]));

    const listed = await (await get(list, { id: p.id })).json();
    expect(listed.exports).toHaveLength(1);
    expect(listed.exports[0]).toMatchObject({
      id: snapshotId,
      status: "COMPLETE",
      rowCount: 4,
      byteSize: bytes.length,
      checksum: sha256(bytes),
      format: "orca",
      split: "all",
    });
    expect(listed.exports[0].createdBy.email).toBe(session.user!.email);

    const again = await get(file, { id: p.id, snapshotId });
    expect(again.headers.get("etag")).toBe(`"sha256-${sha256(bytes)}"`);
    expect(again.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    const readme = await get(card, { id: p.id, snapshotId });
    expect(readme.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await readme.text()).toContain("| train | 4 |");
  });

  it("answers HEAD with the download's headers, starting no export and holding no connection", async () => {
    const p = await setup();
    const head = (route: Route, params: Record<string, string>, query = "") =>
      route(new Request(`http://test/api/x${query}`, { method: "HEAD" }), { params: Promise.resolve(params) });
    const inUse = () => bulkPool().totalCount - bulkPool().idleCount;
    const before = inUse();
    for (let i = 0; i < 3; i++) {
      // Its body dropped unread, as Next.js does for HEAD.
      const res = await head(exportHead, { id: p.id }, "?format=trl&type=parquet");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.apache.parquet");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="export-trl-all.parquet"');
    }
    expect((await head(exportHead, { id: p.id }, "?format=xml")).status).toBe(422);
    expect(await db.exportSnapshot.count({ where: { projectId: p.id } })).toBe(0);
    expect(inUse()).toBe(before);

    const res = await get(exportRoute, { id: p.id }, "?format=trl");
    const bytes = Buffer.from(await res.arrayBuffer());
    const snapshotId = res.headers.get("x-pairwise-snapshot")!;
    const again = await head(fileHead, { id: p.id, snapshotId });
    expect(again.status).toBe(200);
    expect(again.headers.get("content-length")).toBe(String(bytes.length));
    expect(again.headers.get("etag")).toBe(`"sha256-${sha256(bytes)}"`);
    expect(again.headers.get("x-pairwise-snapshot")).toBe(snapshotId);
    expect(await db.exportSnapshot.count({ where: { projectId: p.id } })).toBe(1);
    // The export's card is written after its download, in the background.
    await vi.waitFor(() => expect(inUse()).toBe(before));
  });

  it("accepts an admin's API token, and refuses annotators, other projects' snapshots and unknown projects", async () => {
    const p = await setup();
    const admin = session.user!;
    session.user = null;
    const { token } = await createToken(admin.id, "script");
    const byToken = await get(exportRoute, { id: p.id }, "?type=parquet", { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    const snapshotId = byToken.headers.get("x-pairwise-snapshot")!;
    expect((await byToken.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await get(exportRoute, { id: p.id }, "", { authorization: "Bearer nope" })).status).toBe(401);
    // A token has its user's rights now: an admin turned annotator gets 403, a revoked token 401.
    await db.user.update({ where: { id: admin.id }, data: { role: "ANNOTATOR" } });
    expect((await get(exportRoute, { id: p.id }, "", { authorization: `Bearer ${token}` })).status).toBe(403);
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const revoked = await createToken(admin.id, "old script");
    await db.apiToken.update({ where: { id: revoked.record.id }, data: { revokedAt: new Date() } });
    expect((await get(exportRoute, { id: p.id }, "", { authorization: `Bearer ${revoked.token}` })).status).toBe(401);

    const annotator = await createTestUser();
    await db.projectMember.create({ data: { projectId: p.id, userId: annotator.id } });
    session.user = { id: annotator.id, email: annotator.email, name: null, role: "ANNOTATOR" };
    expect((await get(exportRoute, { id: p.id })).status).toBe(403);
    expect((await get(list, { id: p.id })).status).toBe(403);

    session.user = admin;
    const other = await exportProject("HUMAN");
    expect((await get(file, { id: other.project.id, snapshotId })).status).toBe(404);
    expect((await get(card, { id: other.project.id, snapshotId })).status).toBe(404);
    expect((await get(exportRoute, { id: "no-such-project" })).status).toBe(404);
    expect((await get(list, { id: "no-such-project" })).status).toBe(404);
  });
});
