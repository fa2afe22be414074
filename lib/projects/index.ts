// The public surface of lib/projects: projects, their settings and members.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/projects (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./access";
export * from "./archived";
export * from "./schemas";
export * from "./modes";
export * from "./invalid";
export * from "./edit-conflict";
