// The public surface of lib/documents: an author's documents, cleaned and cut into chunks.
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/documents (eslint's local/domain-boundaries). Each module is listed whole, so a client-safe
// one (settings, chunk) can still be imported on its own without loading the server-only rest.
export * from "./settings";
export * from "./characters";
export * from "./schemas";
export * from "./settings-key";
export * from "./chunk";
export * from "./sentences";
export * from "./clean";
export * from "./ensure-chunks";
export * from "./add-documents";
export * from "./documents";
export * from "./preview";
