// The public surface of lib/users: accounts and roles.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/users (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./password";
export * from "./schemas";
export * from "./held-work";
