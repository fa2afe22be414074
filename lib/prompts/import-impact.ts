import type { ImportImpact } from "./types";

// Shared by the server (the 409 message) and the page (the confirmation): no server code here.

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "12 votes, 3 judge verdicts": the work an import's deletion would also remove. */
export function describeWork(impact: ImportImpact): string {
  const parts: string[] = [];
  if (impact.votes) parts.push(count(impact.votes, "vote"));
  if (impact.adjudications) parts.push(count(impact.adjudications, "adjudication"));
  if (impact.judgments) parts.push(count(impact.judgments, "judge verdict"));
  if (impact.generatedCandidates) parts.push(count(impact.generatedCandidates, "generated candidate"));
  if (impact.otherImportPairs)
    parts.push(count(impact.otherImportPairs, "pair from other imports", "pairs from other imports"));
  return parts.join(", ");
}

export function hasWork(impact: ImportImpact): boolean {
  return describeWork(impact) !== "";
}
