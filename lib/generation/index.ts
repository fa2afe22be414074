// The public surface of lib/generation: candidate generation (its executor on the job runtime,
// starting runs, storing candidates, forming pairs).
// Other lib domains import this file or one of the modules it re-exports, nothing else of
// lib/generation (eslint's local/domain-boundaries).
export * from "./executor";
export * from "./pairing";
export * from "./runs";
export * from "./schemas";
