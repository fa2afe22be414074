// The public surface of lib/trust: annotators' accuracy on gold pairs, and the rule that leaves
// out the votes of those below it (Vote.excluded, which majorities, metrics and exports skip).
export * from "./rule";
export * from "./trust";
