/**
 * The system message a pair is judged, labelled and exported with, as a SQL expression: the
 * prompt's own, else the one its model answers were generated with (`answerSystems` in order of
 * preference, as column expressions of `Candidate."systemPrompt"`). Never the project's setting as
 * it is now: it may have changed since the answers were made, and written, imported or document
 * answers never saw it, so a pair with neither has no system message. Blank counts as none.
 */
export function pairSystemSql(promptSystem: string, answerSystems: readonly [string, string]): string {
  return `coalesce(${[promptSystem, ...answerSystems].map((s) => `nullif(${s}, '')`).join(", ")})`;
}
