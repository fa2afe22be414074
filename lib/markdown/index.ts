// The public surface of lib/markdown: the safe markdown subset guidelines use, parsed to data.
export * from "./parse";
