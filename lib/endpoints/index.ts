// The public surface of lib/endpoints: model endpoints: settings, keys, limits.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/endpoints (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./endpoint-for-call";
export * from "./output-mode";
export * from "./slots";
export * from "./schemas";
export * from "./stored-keys";
