// The public surface of lib/api: HTTP edge: the route wrapper and the errors it maps.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/api (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./errors";
export * from "./csrf";
export * from "./handler";
