import { uniform } from "./hash";
import type { FaultKind, FaultRates } from "./types";

const ORDER: ReadonlyArray<readonly [FaultKind, keyof FaultRates]> = [
  ["429", "rate429"],
  ["500", "rate500"],
  ["timeout", "rateTimeout"],
  ["malformed", "rateMalformed"],
  ["truncated", "rateTruncated"],
];

/**
 * One uniform draw per attempt, fixed by (seed, body, attempt number), laid against the stacked
 * rates: runs are reproducible, each fault hits its exact share of attempts, faults are mutually
 * exclusive, and a retry of the same body is a fresh draw, so retries eventually succeed.
 */
export function decideFault(
  rates: FaultRates | undefined,
  seed: number,
  body: string,
  attempt: number,
): FaultKind | undefined {
  if (!rates) return undefined;
  const draw = uniform("fault", seed, body, attempt);
  let edge = 0;
  for (const [kind, key] of ORDER) {
    edge += rates[key] ?? 0;
    if (draw < edge) return kind;
  }
  return undefined;
}

export function validateFaultRates(rates: FaultRates | undefined): void {
  for (const [, key] of ORDER) {
    const rate = rates?.[key];
    if (rate !== undefined && !(rate >= 0 && rate <= 1))
      throw new RangeError(`faults.${key} must be in [0, 1], got ${rate}`);
  }
}

/** How many times each identical body has been seen; the count feeds the fault draw. */
export class AttemptLog {
  private readonly attempts = new Map<string, number>();

  next(body: string): number {
    const attempt = this.attempts.get(body) ?? 0;
    this.attempts.set(body, attempt + 1);
    return attempt;
  }

  clear(): void {
    this.attempts.clear();
  }
}
