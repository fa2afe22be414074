import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";
import { eventually } from "@/lib/testing/model-server/test-client";
import { RunStateCache } from "./run-state";
import { pauseRun } from "./runs";
import { listenForWork } from "./wake";

it("drops a run's cached state when the run is paused, so the next call sees the pause", async () => {
  const project = await createTestProject();
  const endpoint = await createTestEndpoint();
  const run = await db.run.create({ data: { projectId: project.id, createdById: project.createdById } });
  const cache = new RunStateCache();
  const changed: (string | null)[] = [];
  let listening = false;
  const listener = listenForWork(
    () => (listening = true),
    () => {},
    (runId) => {
      changed.push(runId);
      cache.invalidate(runId);
    },
  );
  try {
    await eventually(() => expect(listening).toBe(true), 10_000);
    cache.seen(run.id, endpoint.id, null, Date.now()); // a claim just found it running
    expect(await cache.get(run.id, endpoint.id, 0)).toEqual({ active: true, stoppedBy: null });

    await pauseRun(project.id, run.id);
    await eventually(() => expect(changed).toContain(run.id), 10_000);
    expect(await cache.get(run.id, endpoint.id, 0)).toEqual({ active: false, stoppedBy: null });
  } finally {
    await listener.close();
  }
});
