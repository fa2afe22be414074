// The public surface of lib/generation: candidate generation and, for now, the task runtime judging runs on.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/generation (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./call-within-limits";
export * from "./endpoint-gate";
export * from "./execute-task";
export * from "./queue";
export * from "./task-state";
