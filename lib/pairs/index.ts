// The public surface of lib/pairs for other domains: the system message a pair is shown under.
export * from "./pair-system";
