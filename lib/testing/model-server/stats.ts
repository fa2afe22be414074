import type { FaultKind, ModelServerStats } from "./types";

function emptyFaults(): Record<FaultKind, number> {
  return { "429": 0, "500": 0, timeout: 0, malformed: 0, truncated: 0 };
}

export class StatsRecorder {
  private requests = 0;
  private byStatus: Record<number, number> = {};
  private byModel: Record<string, number> = {};
  private faults = emptyFaults();
  private completions = 0;
  private duplicateSuccesses = 0;
  private maxConcurrentSeen = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private readonly succeeded = new Set<string>();

  request(): void {
    this.requests += 1;
  }

  status(code: number): void {
    this.byStatus[code] = (this.byStatus[code] ?? 0) + 1;
  }

  model(id: string): void {
    this.byModel[id] = (this.byModel[id] ?? 0) + 1;
  }

  fault(kind: FaultKind): void {
    this.faults[kind] += 1;
  }

  concurrency(inFlight: number): void {
    this.maxConcurrentSeen = Math.max(this.maxConcurrentSeen, inFlight);
  }

  /** The usage a 200 answer reported. */
  tokens(prompt: number, completion: number): void {
    this.promptTokens += prompt;
    this.completionTokens += completion;
  }

  /** `body` is the canonical request body: a second success for it means the client asked twice. */
  success(body: string): void {
    this.completions += 1;
    if (this.succeeded.has(body)) this.duplicateSuccesses += 1;
    else this.succeeded.add(body);
  }

  snapshot(inFlight: number): ModelServerStats {
    return {
      requests: this.requests,
      byStatus: { ...this.byStatus },
      maxConcurrentSeen: this.maxConcurrentSeen,
      inFlight,
      completions: this.completions,
      byModel: { ...this.byModel },
      duplicateSuccesses: this.duplicateSuccesses,
      faults: { ...this.faults },
      tokens: { prompt: this.promptTokens, completion: this.completionTokens },
    };
  }

  reset(inFlight: number): void {
    this.requests = 0;
    this.byStatus = {};
    this.byModel = {};
    this.faults = emptyFaults();
    this.completions = 0;
    this.duplicateSuccesses = 0;
    this.maxConcurrentSeen = inFlight;
    this.promptTokens = 0;
    this.completionTokens = 0;
    this.succeeded.clear();
  }
}
