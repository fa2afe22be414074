// Reading a JSON object out of a model's reply, whatever way it was asked for (schema, JSON mode
// or words): shared by every caller that wants structured output.

/**
 * The JSON text of a reply: the reply itself when it is an object; else inside a ```json fence
 * when there is one; else from the first { to the last }. A fence counts only on lines of its
 * own: an object's strings may hold ``` (an item quoting a document's markdown code block), and
 * a JSON string's line breaks are escaped, so a ``` inside one never starts a line.
 */
export function jsonText(reply: string): string | null {
  const whole = reply.trim();
  if (whole.startsWith("{") && whole.endsWith("}")) return whole;
  const fenced = /(?:^|\n)[ \t]*```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```/i.exec(reply);
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
