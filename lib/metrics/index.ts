// The public surface of lib/metrics: a project's agreement and bias figures.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/metrics (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./project-metrics";
