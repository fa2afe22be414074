// A judgment that failed keeps its full parse error; its task keeps the cause alone, so a run's
// errors group by what went wrong rather than by where in each reply the JSON broke (JSON.parse
// quotes the reply and its position, which differ from reply to reply).

export const UNUSABLE_REPLY = "unusable_reply";

const CAUSES: [RegExp, string][] = [
  [/no JSON object/i, "the reply held no JSON object"],
  [/not valid JSON/i, "the reply's JSON did not parse"],
  [/not a JSON object/i, "the reply's JSON was not an object"],
];

/** The cause of an unusable judge reply, from the judgment's error. */
export function judgeFailureCause(error: string | null): string {
  const cause = CAUSES.find(([re]) => error && re.test(error))?.[1] ?? "the reply did not match the verdict schema";
  return `No usable verdict after a repair attempt: ${cause}`;
}
