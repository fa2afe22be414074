import { describe, expect, it } from "vitest";
import { toResponse } from "@/lib/api/to-response";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { EXPORT_RETRY_AFTER_S, ExportGate, exportConnections, exportSlots } from "./connections";
import { exportOptionsSchema } from "./options";
import { startExport } from "./snapshots";
import { exportSource } from "./source";
import { exportProject } from "./test-helpers";

// Exports at once against the pool they share with annotation: none may wait for a connection
// while holding one, and a few of them must never take the whole pool.

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return Buffer.concat(parts);
}

async function labelledProject() {
  const { project, pair } = await exportProject("HUMAN");
  for (let i = 0; i < 3; i++) await pair({ prompt: `p${i}`, votes: [{ choice: "A" }] });
  const admin = await db.user.findUniqueOrThrow({ where: { id: project.createdById }, select: { id: true } });
  return { project, admin };
}

/** Settles with `p`, or rejects after `ms` naming what did not come. */
const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer`)), ms))]);

describe("exports at once", () => {
  it("lets a fifth of the pool run exports, at least one", () => {
    expect([1, 4, 5, 10, 20, 100].map(exportSlots)).toEqual([1, 1, 1, 2, 4, 20]);
  });

  it("finishes more exports at once than the pool could hold, and annotation still gets a connection", async () => {
    const { project, admin } = await labelledProject();
    const options = exportOptionsSchema.parse({ format: "trl" });
    const many = 2 * getServerEnv().DATABASE_POOL_MAX + 2;
    const downloads = Array.from({ length: many }, () => startExport(project.id, admin, options, exportSource));
    // Some have started and hold their connections, unread; the others wait their turn.
    await within(downloads[0]!, 5000, "first export");
    const { rows } = await within(bulkPool().query<{ ok: number }>("SELECT 1 AS ok"), 3000, "annotation's query");
    expect(rows).toEqual([{ ok: 1 }]);
    const files = [];
    for (const download of downloads) files.push(await readAll((await within(download, 10_000, "an export")).body));
    expect(new Set(files.map((f) => f.toString())).size).toBe(1);
    expect(files[0]!.toString().trim().split("\n")).toHaveLength(3);
    const snapshots = await db.exportSnapshot.findMany({ where: { projectId: project.id }, select: { status: true } });
    expect(snapshots.map((s) => s.status)).toEqual(Array(many).fill("COMPLETE"));
    await expect.poll(() => bulkPool().totalCount - bulkPool().idleCount).toBe(0);
  });

  it("refuses an export that waited too long for its turn with 503 and Retry-After, recording nothing", async () => {
    const { project, admin } = await labelledProject();
    const gate = new ExportGate(1, 50);
    const leave = await gate.enter();
    const refused = await startExport(project.id, admin, exportOptionsSchema.parse({}), exportSource, {
      connect: () => exportConnections(gate),
    }).catch((err: unknown) => err);
    const res = toResponse(refused);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(EXPORT_RETRY_AFTER_S));
    expect((await res.json()).error).toEqual({
      code: "exports_busy",
      message: "This server is already running 1 export, its most at once; try again in a minute",
    });
    expect(await db.exportSnapshot.count({ where: { projectId: project.id } })).toBe(0);
    // Its turn once the running one ends.
    leave();
    const download = await startExport(project.id, admin, exportOptionsSchema.parse({}), exportSource, {
      connect: () => exportConnections(gate),
    });
    await readAll(download.body);
    const next = await gate.enter();
    next();
  });
});
