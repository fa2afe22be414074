import { judgeVerdictSchema, type JudgeVerdict } from "./schemas";

export type ParsedVerdict = { ok: true; verdict: JudgeVerdict } | { ok: false; error: string };

/** The JSON text of a reply: inside a ```json fence when there is one, else from the first { to the last }. */
function jsonText(reply: string): string | null {
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)```/i.exec(reply);
  const text = (fenced ? fenced[1]! : reply).trim();
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  return start >= 0 && end > start ? text.slice(start, end + 1) : null;
}

/** Whether the reply holds a JSON object at all, right or wrong: if not, the server ignored the JSON it was asked for. */
export function holdsJsonObject(reply: string): boolean {
  const text = jsonText(reply);
  if (text === null) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

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
