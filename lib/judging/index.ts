// The public surface of lib/judging: the LLM judge.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/judging (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./executor";
export * from "./panel";
export * from "./reroute";
export * from "./resettle";
export * from "./rubric";
export * from "./run-verdicts";
export * from "./runs";
export * from "./schemas";
