import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PairJudgmentView } from "@/lib/pairs/pair-judgments";
import { PairJudgments } from "./pair-judgments";

const judgment = (order: PairJudgmentView["order"]): PairJudgmentView => ({
  id: order,
  order,
  status: "OK",
  winner: "A",
  scoreA: 8,
  scoreB: 5,
  rationale: "Answer B is more detailed.",
  error: null,
  repaired: false,
  inputTokens: 10,
  outputTokens: 5,
  costUsd: null,
  latencyMs: 100,
  model: "judge",
  endpoint: "judge",
  rawText: "{}",
  createdAt: "2026-12-01T00:00:00.000Z",
});

describe("PairJudgments", () => {
  it("says that a rationale given with B shown first names the answers by the order the judge saw", () => {
    const out = renderToStaticMarkup(
      <PairJudgments
        judging={{
          verdict: { status: "AGREED", label: "A", confidence: 3 },
          reviewReason: null,
          judgments: [judgment("A first"), judgment("B first")],
        }}
      />,
    );
    // One note, under the swapped order's rationale ("Answer B is more detailed" there means A).
    expect(out.match(/data-testid="pair-judgment-positions"/g)).toHaveLength(1);
    const swapped = out.slice(out.indexOf('aria-label="Judgment, B first"'));
    expect(swapped).toContain("Shown B first: this rationale calls B “Answer A” and A “Answer B”");
    // A long unbroken word wraps instead of widening the page.
    expect(out).toContain("whitespace-pre-wrap wrap-anywhere text-sm text-slate-700");
  });
});
