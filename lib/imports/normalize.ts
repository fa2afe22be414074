import { hash } from "node:crypto";

/** The form used for comparing prompts: NFC, trimmed, every run of whitespace a single space. */
export function normalizePrompt(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

// crypto.hash (Node >= 20.12) is about three times faster than createHash for short inputs.
function sha256(text: string): string {
  return hash("sha256", text, "hex");
}

/** Dedupe key of a prompt: prompts differing only in whitespace or Unicode composition collide. */
export function promptKey(text: string): string {
  return sha256(normalizePrompt(text));
}

/** Dedupe key of a pair: the same prompt may carry several different chosen/rejected pairs. */
export function pairKey(prompt: string, chosen: string, rejected: string): string {
  // JSON encoding keeps the parts apart whatever characters they contain.
  return sha256(JSON.stringify([normalizePrompt(prompt), normalizePrompt(chosen), normalizePrompt(rejected)]));
}
