// A project keeps one prompt per text compared loosely (promptKey: whitespace and Unicode form
// normalised), with the text and system message of the first row that brought it. A pair row is
// exported with its prompt's stored text and system message, so a pair whose prompt matches
// another only loosely, or comes with another system message, would be exported with words it
// was not given: such a row is refused, naming the row it clashes with.
import { excerpt } from "@/lib/clip";

/** The prompt as a pair row gives it, and as the project stores it. */
export interface PromptForm {
  prompt: string;
  system?: string | null;
}

/** Characters a reader cannot tell apart from others or from nothing: shown by their code. */
const INVISIBLE = /[\p{M}\p{Cf}\p{Zs}\u2028\u2029]/gu;

/**
 * Up to 60 characters of a text as a JSON string, with whitespace other than the space and
 * combining marks escaped, so the difference a reader is told about is visible.
 */
function quote(text: string | null): string {
  if (text === null) return "none";
  const cut = excerpt(text, 60);
  return JSON.stringify(cut).replace(INVISIBLE, (c) =>
    c === " " ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`,
  );
}

/** The refusal of a row whose prompt text (or else system message) differs from `stored`'s. */
function clash(what: "prompt" | "system", row: PromptForm, stored: PromptForm, where: string): string {
  return what === "prompt"
    ? `the prompt ${quote(row.prompt)} matches ${where} ${quote(stored.prompt)} only with whitespace and Unicode form ignored; a project keeps one text per prompt, so make the two identical to import this pair under it`
    : `the prompt is ${where} with another system message (${quote(row.system ?? null)} here, ${quote(stored.system ?? null)} there); a project keeps one system message per prompt, so give the two the same one`;
}

/**
 * Why a row's prompt cannot go under the stored one with the same promptKey (`where` names the
 * stored one, e.g. "the project's"), or undefined when the two are the same exactly.
 */
export function promptFormClash(row: PromptForm, stored: PromptForm, where: string): string | undefined {
  if (row.prompt !== stored.prompt) return clash("prompt", row, stored, where);
  if ((row.system ?? null) !== (stored.system ?? null)) return clash("system", row, stored, where);
  return undefined;
}
