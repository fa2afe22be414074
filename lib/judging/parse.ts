import { jsonText } from "@/lib/models/json-reply";
import { judgeVerdictSchema, type JudgeVerdict } from "./schemas";

export { holdsJsonObject } from "@/lib/models/json-reply";

export type ParsedVerdict = { ok: true; verdict: JudgeVerdict } | { ok: false; error: string };

/** Reads a judge's reply; on failure says what was wrong in words the judge can act on. */
export function parseVerdict(reply: string): ParsedVerdict {
  const text = jsonText(reply);
  if (text === null) return { ok: false, error: "no JSON object found" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not valid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, error: "not a JSON object" };
  const parsed = judgeVerdictSchema.safeParse(value);
  if (parsed.success) return { ok: true, verdict: parsed.data };
  const error = parsed.error.issues.map((i) =>
    i.path.length && !i.message.startsWith(String(i.path[0])) ? `${i.path.join(".")}: ${i.message}` : i.message,
  );
  return { ok: false, error: error.join("; ") };
}
