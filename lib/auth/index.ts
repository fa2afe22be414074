// The public surface of lib/auth: who is calling: sessions, API tokens, sign-in limits.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/auth (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./caller";
export * from "./rate-limit";
export * from "./session";
