// The public surface of lib/config: the environment schema (no server-only: scripts read it too).
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/config (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./env";
