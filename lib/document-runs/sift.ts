import type { DocItemStage } from "@/lib/generated/prisma/enums";
import { dropReason } from "./drop-reasons";
import {
  chosenFilterFailure,
  cutsCodeLine,
  isContaminated,
  nearDuplicateOf,
  quotedRange,
  quotedSpan,
  shingles,
  sourceMention,
  withinSection,
} from "./filters";
import type { ParsedItem } from "./items";
import type { DocumentRunSettings } from "./settings";

export interface SiftedItem {
  itemIndex: number;
  instruction: string;
  answer: string | null;
  raw: string | null;
  /** Null: passed every filter. */
  droppedAt: DocItemStage | null;
  dropReason: string | null;
}

/**
 * Runs a chunk's items through the funnel in its order: shape, verbatim (preferences), source
 * mention, the chosen-text filters, near duplicates (against `earlier`, the run's instructions
 * that got past that stage before, and each other), contamination. `existingPrompts` holds the
 * project's normalised prompt texts: a preference item asking one of them again would be a
 * second pair for a prompt already there, so it counts as a near duplicate.
 */
export function siftItems(
  items: ParsedItem[],
  chunk: string,
  settings: DocumentRunSettings,
  context: { earlier: Set<string>[]; evaluation: Set<string>; isExistingPrompt?: (instruction: string) => boolean },
): SiftedItem[] {
  const earlier = [...context.earlier];
  return items.map((item, itemIndex): SiftedItem => {
    if (!item.ok)
      return { itemIndex, instruction: "", answer: null, raw: item.raw, droppedAt: "INVALID", dropReason: item.error };
    const drop = (droppedAt: DocItemStage, reason: string): SiftedItem => ({
      itemIndex,
      instruction: item.instruction,
      answer: item.answer,
      raw: null,
      droppedAt,
      dropReason: reason,
    });
    // A preference item's answer is the author's text it quotes, exactly as the chunk has it,
    // from within one section.
    let answer: string | null = item.answer;
    if (settings.mode === "PREFERENCES") {
      const range = quotedRange(item.answer, chunk);
      const span = range && withinSection(chunk, range[0], range[1]);
      if (range && !span) return drop("FILTER", dropReason.acrossHeading);
      if (span && cutsCodeLine(chunk, span[0], span[1])) return drop("FILTER", dropReason.partOfCodeLine);
      answer = span ? chunk.slice(span[0], span[1]) : quotedSpan(item.answer, chunk);
    }
    if (answer === null) return drop("NOT_VERBATIM", dropReason.notVerbatim);
    const phrase = sourceMention(item.instruction, settings.filters.sourcePhrases);
    if (phrase) return drop("SOURCE_MENTION", dropReason.sourceMention(phrase));
    const failure = chosenFilterFailure(answer, settings.filters);
    if (failure)
      return drop("FILTER", dropReason.chosenFilter(settings.mode === "PREFERENCES" ? "extract" : "answer", failure));
    if (context.isExistingPrompt?.(item.instruction)) return drop("NEAR_DUPLICATE", dropReason.existingPrompt);
    if (settings.nearDuplicateThreshold !== null) {
      if (nearDuplicateOf(item.instruction, earlier, settings.nearDuplicateThreshold) >= 0)
        return drop("NEAR_DUPLICATE", dropReason.nearDuplicate);
      earlier.push(shingles(item.instruction));
    }
    if (isContaminated(item.instruction, context.evaluation)) return drop("CONTAMINATED", dropReason.contaminated);
    return {
      itemIndex,
      instruction: item.instruction,
      answer,
      raw: null,
      droppedAt: null,
      dropReason: null,
    };
  });
}
