// The public surface of lib/prompts: prompts and the import machinery pair imports reuse.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/prompts (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./import-project";
export * from "./import-transaction";
export * from "./insert-prompts";
export * from "./row-ids";
export * from "./run-import";
export * from "./storable";
export * from "./types";
