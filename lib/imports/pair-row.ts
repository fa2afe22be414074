import { z } from "zod";
import type { RowResult } from "./events";
import { noPromptColumn } from "./mapping-schema";
import { sameMessages, toMessages, type ChatMessage } from "./messages";
import { normalizePrompt, pairKey, promptKey } from "./normalize";
import { DEFAULT_PAIR_PROMPT_COLUMNS, pairColumns, type PairColumns, type PairMapping } from "./pair-mapping";
import { getField, pickFields, type RawRecord } from "./record-path";
import { firstProblem, MAX_EXTERNAL_ID_CHARS, optionalText, requiredText } from "./text-fields";

/**
 * A preference pair ready to store. For conversational input the prompt is the one user message
 * and a leading system message becomes `system` (a filled system column wins over it). A
 * conversation with earlier turns is refused: a pair stores one prompt, and its export could
 * not give back turns it did not keep. Text fields are kept exactly as in the file.
 */
export interface PairRow {
  /** 1-based line the record starts on. */
  line: number;
  prompt: string;
  system?: string;
  chosen: string;
  rejected: string;
  externalId?: string;
  metadata: Record<string, unknown>;
  promptKey: string;
  /** pairKey(prompt, chosen, rejected): the dedupe key within the file. */
  pairKey: string;
}

const pairFieldsSchema = z.object({
  prompt: requiredText(),
  chosen: requiredText(),
  rejected: requiredText(),
  system: optionalText(),
  externalId: optionalText(MAX_EXTERNAL_ID_CHARS),
});

const fail = (problem: string) => ({ ok: false as const, problem });

/** Splits a response column into the turns before the answer and the answer itself. */
function response(record: RawRecord, column: string) {
  const read = toMessages(getField(record, column), column, "assistant");
  if (!read.ok) return read;
  // toMessages refuses an empty list, so the last message exists.
  const answer = read.messages[read.messages.length - 1]!;
  if (answer.role !== "assistant")
    return fail(`column "${column}" must end with an assistant message, not "${answer.role}"`);
  return { ok: true as const, before: read.messages.slice(0, -1), answer: answer.content };
}

/**
 * The conversation before the answer: the prompt column followed by the turns the responses
 * share. Some datasets (HuggingFaceH4/ultrafeedback_binarized) repeat the prompt at the start of
 * chosen and rejected; it is not counted twice.
 */
function conversation(record: RawRecord, columns: PairColumns, before: ChatMessage[]) {
  if (columns.prompt === undefined) return { ok: true as const, messages: before };
  const read = toMessages(getField(record, columns.prompt), columns.prompt, "user");
  if (!read.ok) return read;
  const repeated = sameMessages(before.slice(0, read.messages.length), read.messages);
  return { ok: true as const, messages: repeated ? before : [...read.messages, ...before] };
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && !v.trim());

export function toPairRow(record: RawRecord, line: number, mapping: PairMapping | undefined): RowResult<PairRow> {
  const columns = pairColumns(record, mapping);
  const chosen = response(record, columns.chosen);
  if (!chosen.ok) return chosen;
  const rejected = response(record, columns.rejected);
  if (!rejected.ok) return rejected;
  if (!sameMessages(chosen.before, rejected.before)) {
    return fail(
      `columns "${columns.chosen}" and "${columns.rejected}" must share the same conversation before the final answer`,
    );
  }
  const convo = conversation(record, columns, chosen.before);
  if (!convo.ok) return convo;

  let start = 0;
  while (convo.messages[start]?.role === "system") start++;
  const systemMessages = convo.messages.slice(0, start).map((m) => m.content);
  const turns = convo.messages.slice(start);
  const promptLabel = columns.prompt ? `column "${columns.prompt}"` : `the conversation in "${columns.chosen}"`;
  const last = turns[turns.length - 1];
  if (!last) {
    if (columns.prompt) return fail(`${promptLabel} has no user message`);
    return fail(noPromptColumn(DEFAULT_PAIR_PROMPT_COLUMNS));
  }
  if (last.role !== "user") return fail(`${promptLabel} must end with a user message, not "${last.role}"`);
  // Refused rather than cut: the export would give back a different conversation.
  if (turns.length > 1)
    return fail(
      `${promptLabel} has ${turns.length - 1} earlier turn${turns.length > 2 ? "s" : ""} before its last user message; ` +
        "a pair takes one user message (after an optional system message), so multi-turn conversations are not imported",
    );
  if (systemMessages.length > 1)
    return fail(`${promptLabel} has ${systemMessages.length} system messages; a pair takes at most one`);

  const columnSystem = columns.system === undefined ? undefined : getField(record, columns.system);
  const parsed = pairFieldsSchema.safeParse({
    prompt: last.content,
    chosen: chosen.answer,
    rejected: rejected.answer,
    system: isBlank(columnSystem) ? systemMessages[0] : columnSystem,
    externalId: columns.externalId === undefined ? undefined : getField(record, columns.externalId),
  });
  if (!parsed.success) {
    const labels: Record<string, string> = {
      prompt: promptLabel,
      chosen: `column "${columns.chosen}"`,
      rejected: `column "${columns.rejected}"`,
      system: columns.system ? `column "${columns.system}"` : "the system message",
      externalId: `column "${columns.externalId}"`,
    };
    return fail(firstProblem(parsed.error, (field) => labels[field] ?? field));
  }
  const { prompt, system, externalId } = parsed.data;
  // Compared as the dedupe keys compare: answers differing only in whitespace teach nothing.
  if (parsed.data.chosen === parsed.data.rejected) return fail("chosen and rejected are identical");
  if (normalizePrompt(parsed.data.chosen) === normalizePrompt(parsed.data.rejected))
    return fail(
      "chosen and rejected differ only in whitespace or in how accented letters are encoded (Unicode form), which teaches a model nothing",
    );

  return {
    ok: true,
    row: {
      line,
      prompt,
      ...(system !== undefined && { system }),
      chosen: parsed.data.chosen,
      rejected: parsed.data.rejected,
      ...(externalId !== undefined && { externalId }),
      metadata: pickFields(record, columns.metadata),
      promptKey: promptKey(prompt),
      pairKey: pairKey(prompt, parsed.data.chosen, parsed.data.rejected),
    },
  };
}
