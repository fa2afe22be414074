// The public surface of lib/jobs: the one runtime every kind of model work runs on (claims,
// leases, endpoint limits, retries, pause/resume/cancel, progress, cost) and its registry from
// run kind to executor. An executor (lib/generation/executor.ts, lib/judging/executor.ts) uses the
// types, queue and batching below; a new kind is one executor file and one line in registry.ts.
// Other lib domains import this file or one of the modules it re-exports, nothing else of lib/jobs
// (eslint's local/domain-boundaries).
export * from "./ask-structured";
export * from "./batch";
export * from "./empty-run";
export * from "./outcome";
export * from "./progress";
export * from "./project-runs";
export * from "./queue";
export * from "./registry";
export * from "./runs";
export * from "./schemas";
export * from "./types";
export * from "./worker";
