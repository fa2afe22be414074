// The public surface of lib/annotation for other lib domains: a pair's outcome from its votes
// (what the pair list shows and filters on), and which pairs are annotators' work (the dashboard
// counts what is left of it). Everything else of annotation is used by its routes.
export * from "./outcome";
export * from "./overlap-work";
