import { z } from "zod";
import { jsonText } from "@/lib/models/json-reply";
import type { Parsed } from "@/lib/jobs/ask-structured";
import type { DocumentRunMode } from "./settings";

// What a chunk's call returns: {"items": [...]}. The envelope must hold; each item is checked on
// its own, so one bad item is dropped (and counted) without losing the chunk's others.

const text = (name: string) =>
  z.string({ error: `${name} must be a string` }).refine((s) => s.trim().length > 0, `${name} must not be empty`);

export const instructionItemSchema = z.object({ instruction: text("instruction"), answer: text("answer") });
export const preferenceItemSchema = z.object({ instruction: text("instruction"), extract: text("extract") });
export type InstructionItem = z.output<typeof instructionItemSchema>;
export type PreferenceItem = z.output<typeof preferenceItemSchema>;

const itemSchemaOf = (mode: DocumentRunMode) =>
  mode === "INSTRUCTIONS" ? instructionItemSchema : preferenceItemSchema;

/** The schema sent to the server (json_schema or Anthropic's tool): items of the mode's shape. */
export function itemsEnvelopeSchema(mode: DocumentRunMode) {
  return z.object({ items: z.array(itemSchemaOf(mode)) });
}

export type ParsedItem = { ok: true; instruction: string; answer: string } | { ok: false; raw: string; error: string };

/**
 * Reads a chunk's reply. Fails (for the output-mode fallback and its repair) only when there is
 * no {"items": [...]} at all; items past `n` are ignored, as the call asked for n.
 */
export function parseItems(reply: string, mode: DocumentRunMode, n: number): Parsed<ParsedItem[]> {
  const json = jsonText(reply);
  if (json === null) return { ok: false, error: "no JSON object found" };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ok: false, error: `not valid JSON: ${(err as Error).message}` };
  }
  const items = value && typeof value === "object" ? (value as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return { ok: false, error: 'the object must have an "items" array' };
  const schema = itemSchemaOf(mode);
  return {
    ok: true,
    value: items.slice(0, n).map((item): ParsedItem => {
      const parsed = schema.safeParse(item);
      if (!parsed.success)
        return {
          ok: false,
          raw: JSON.stringify(item) ?? String(item),
          error: parsed.error.issues.map((i) => i.message).join("; "),
        };
      const answer = "answer" in parsed.data ? parsed.data.answer : parsed.data.extract;
      return { ok: true, instruction: parsed.data.instruction, answer };
    }),
  };
}
