import { afterAll, beforeAll } from "vitest";
import { startModelServer, type ModelServer, type ModelServerOptions } from "@/lib/testing/model-server";
import { startWorker, type Worker, type WorkerOptions } from "./worker";

// Kept apart from ./test-helpers.ts: importing this loads the worker and its configuration, which
// tests that set GENERATION_* variables first must import only after setting them.

/**
 * The loopback model server and an in-process worker for a whole test file: started before its
 * tests, stopped after them (the worker first). Read `env.server` and `env.worker` in the tests.
 */
export function modelServerAndWorker(
  serverOptions: ModelServerOptions = {},
  workerOptions: WorkerOptions = { concurrency: 8 },
): { server: ModelServer; worker: Worker } {
  const env = {} as { server: ModelServer; worker: Worker };
  beforeAll(async () => {
    env.server = await startModelServer(serverOptions);
    env.worker = await startWorker(workerOptions);
  });
  afterAll(async () => {
    await env.worker?.stop(2000);
    await env.server?.close();
  });
  return env;
}

/** Runs `body` with a worker of its own, stopped afterwards whatever happens. */
export async function withWorker<T>(body: (worker: Worker) => Promise<T>, concurrency = 4): Promise<T> {
  const worker = await startWorker({ concurrency });
  try {
    return await body(worker);
  } finally {
    await worker.stop(2000);
  }
}
