import { validateFaultRates } from "./faults";
import type { ModelServerOptions } from "./types";

type Defaulted = "models" | "seed" | "latencyMs" | "latencyJitterMs" | "retryAfterSeconds" | "hangMs" | "structured";
export type ResolvedOptions = Omit<ModelServerOptions, Defaulted> & Required<Pick<ModelServerOptions, Defaulted>>;

export const DEFAULT_MODELS = ["test-strong", "test-weak"];

const DEFAULTS: Required<Pick<ModelServerOptions, Defaulted>> = {
  models: DEFAULT_MODELS,
  seed: 0,
  latencyMs: 0,
  latencyJitterMs: 0,
  retryAfterSeconds: 1,
  hangMs: 60_000,
  structured: "full",
};

/**
 * Applies `patch` over `current`. A key present with the value undefined resets it (to the
 * default or to unset), so `configure({ respond: undefined })` removes a hook. Fault rates merge
 * key by key, so one rate can change without restating the others.
 */
export function resolveOptions(current: Partial<ResolvedOptions>, patch: ModelServerOptions): ResolvedOptions {
  const merged: ModelServerOptions = { ...current, ...patch };
  if ("faults" in patch)
    merged.faults = patch.faults === undefined ? undefined : { ...current.faults, ...patch.faults };
  const resolved = { ...merged } as ResolvedOptions;
  for (const key of Object.keys(DEFAULTS) as Defaulted[]) {
    if (resolved[key] === undefined) (resolved as Record<Defaulted, unknown>)[key] = DEFAULTS[key];
  }
  validate(resolved);
  return resolved;
}

function validate(options: ResolvedOptions): void {
  if (options.models.length === 0) throw new RangeError("models must name at least one model");
  for (const key of ["latencyMs", "latencyJitterMs", "retryAfterSeconds", "hangMs"] as const) {
    if (!(options[key] >= 0)) throw new RangeError(`${key} must be >= 0, got ${options[key]}`);
  }
  for (const key of ["maxConcurrency", "requestsPerMinute"] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(`${key} must be a positive integer, got ${value}`);
    }
  }
  if (!["full", "json-mode", "none"].includes(options.structured)) {
    throw new RangeError(`structured must be full, json-mode or none, got ${options.structured}`);
  }
  validateFaultRates(options.faults);
}
