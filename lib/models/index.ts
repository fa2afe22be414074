// The public surface of lib/models: calls to model providers.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/models (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe one
// can still be imported on its own without loading the server-only rest.
export * from "./call";
export * from "./cost";
export * from "./errors";
export * from "./output-mode";
export * from "./retry";
export * from "./types";
export * from "./json-reply";
export { sanitizeMessage } from "./error-message";
