// The public surface of lib/document-runs: runs that turn document chunks into instruction data
// (SFT) or preference triples, their filters and their funnel.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/document-runs (eslint's local/domain-boundaries). Each module is listed whole, so a
// client-safe one (settings) can still be imported on its own without loading the server-only rest.
export * from "./settings";
export * from "./checks";
export * from "./offers-items";
export * from "./filters";
export * from "./items";
export * from "./executor";
export * from "./funnel";
export * from "./start";
export * from "./use-as-prompts";
export * from "./review";
