// Shared by the judge prompt (server) and the Settings form (browser, prefilled with it), so it
// imports nothing server-side. A project's own rubric replaces it entirely.
export const DEFAULT_RUBRIC = `Judge which answer serves the user better, weighing in this order:
1. Correctness: facts, reasoning, code and numbers are right; nothing is made up.
2. Instruction following: the answer does what was asked, in the form asked (format, length, language, constraints), and respects the system prompt.
3. Helpfulness: it is complete, clear and to the point; it neither pads nor leaves out what the user needs.
Length alone is not quality, and the order in which the answers are shown says nothing about them.
Score each answer from 1 (useless or wrong) to 10 (excellent). Call it a tie only when neither answer is better.`;

export const RUBRIC_MAX_CHARS = 20_000;

/** The rubric a project judges with: its own, or the default when it has none. */
export const rubricFor = (projectRubric: string | null | undefined) => projectRubric?.trim() || DEFAULT_RUBRIC;
