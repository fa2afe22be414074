// The AI SDK prints each call's warnings. Some hold for every call to a model: the Anthropic
// provider, given a model id it does not know and no max tokens, warns on each call that it caps
// the answer's length (a generation run printed it once per answer). Each distinct warning is
// printed once per provider and model, in the log's own form.

type Warnings = Parameters<Extract<NonNullable<typeof globalThis.AI_SDK_LOG_WARNINGS>, (...a: never[]) => void>>[0];

const printed = new Set<string>();

function describe(w: Warnings["warnings"][number]): string {
  if (w.type === "other") return w.message;
  if (w.type === "unsupported" || w.type === "compatibility")
    return `${w.type === "unsupported" ? "unsupported" : "used in a compatibility mode"}: ${w.feature}${w.details ? `. ${w.details}` : ""}`;
  return JSON.stringify(w);
}

/** Logs each distinct warning of a provider's model once (installed by ./call.ts). */
export function logWarningsOnce({ warnings, provider, model }: Warnings): void {
  for (const w of warnings) {
    const key = `${provider}\0${model}\0${JSON.stringify(w)}`;
    if (printed.has(key)) continue;
    printed.add(key);
    console.warn(`[models] ${provider} / ${model}: ${describe(w)} (said once per model)`);
  }
}
