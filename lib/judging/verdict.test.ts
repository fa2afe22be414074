import { describe, expect, it } from "vitest";
import { auditDraw, routeReview, type RoutingSettings } from "./routing";
import { combineOrders, toCandidateTerms, type OrderJudgment } from "./verdict";

const ok = (winner: "A" | "B" | "TIE", scoreA: number, scoreB: number): OrderJudgment => ({
  status: "OK",
  winner,
  scoreA,
  scoreB,
});
const failed: OrderJudgment = { status: "FAILED", winner: null, scoreA: null, scoreB: null };

describe("verdicts", () => {
  it("maps positions to candidates, swapping back what the swapped order showed", () => {
    const v = { winner: "A" as const, score_a: 9, score_b: 4, rationale: "r" };
    expect(toCandidateTerms(v, false)).toEqual({ winner: "A", scoreA: 9, scoreB: 4 });
    expect(toCandidateTerms(v, true)).toEqual({ winner: "B", scoreA: 4, scoreB: 9 });
    expect(toCandidateTerms({ ...v, winner: "tie" }, true)).toEqual({ winner: "TIE", scoreA: 4, scoreB: 9 });
  });

  it("agrees when both orders name the same candidate, with the mean margin as confidence", () => {
    expect(combineOrders(ok("A", 9, 4), ok("A", 8, 5))).toEqual({ status: "AGREED", label: "A", confidence: 4 });
    expect(combineOrders(ok("B", 2, 9), ok("B", 3, 6))).toEqual({ status: "AGREED", label: "B", confidence: 5 });
    // A winner scored below its loser drags the margin down, never below 0.
    expect(combineOrders(ok("A", 3, 8), ok("A", 5, 5))).toEqual({ status: "AGREED", label: "A", confidence: 0 });
    expect(combineOrders(ok("TIE", 7, 7), ok("TIE", 6, 8))).toEqual({ status: "AGREED", label: "TIE", confidence: 0 });
  });

  it("is uncertain when the orders disagree, and failed when either failed", () => {
    expect(combineOrders(ok("A", 8, 3), ok("B", 3, 8))).toEqual({ status: "UNCERTAIN", label: null, confidence: null });
    expect(combineOrders(ok("A", 8, 3), ok("TIE", 5, 5)).status).toBe("UNCERTAIN");
    expect(combineOrders(ok("A", 8, 3), failed).status).toBe("FAILED");
    expect(combineOrders(failed, ok("A", 8, 3)).status).toBe("FAILED");
  });
});

describe("routing", () => {
  const agreed = (confidence: number) => ({ status: "AGREED" as const, label: "A" as const, confidence });
  const uncertain = { status: "UNCERTAIN" as const, label: null, confidence: null };
  const judgeFailed = { status: "FAILED" as const, label: null, confidence: null };
  const base: RoutingSettings = {
    evaluationMode: "HYBRID",
    uncertainToHumans: true,
    confidenceThreshold: 2,
    auditShare: 0.1,
  };

  it("never routes human or implicit projects", () => {
    for (const evaluationMode of ["HUMAN", "IMPLICIT"] as const) {
      expect(routeReview({ ...base, evaluationMode }, uncertain, 0)).toBeNull();
    }
  });

  it("LLM judge: unsure and failed pairs go to humans only when the project says so", () => {
    const s = { ...base, evaluationMode: "LLM_JUDGE" as const };
    expect(routeReview(s, uncertain, 0.5)).toBe("UNCERTAIN");
    expect(routeReview(s, judgeFailed, 0.5)).toBe("JUDGE_FAILED");
    expect(routeReview(s, agreed(0), 0)).toBeNull(); // no threshold, no audit
    expect(routeReview({ ...s, uncertainToHumans: false }, uncertain, 0.5)).toBeNull();
    expect(routeReview({ ...s, uncertainToHumans: false }, judgeFailed, 0.5)).toBeNull();
  });

  it("hybrid: unsure, failed, under the threshold, then the audit share", () => {
    expect(routeReview(base, uncertain, 0.99)).toBe("UNCERTAIN");
    expect(routeReview(base, judgeFailed, 0.99)).toBe("JUDGE_FAILED");
    expect(routeReview(base, agreed(1.5), 0.99)).toBe("LOW_CONFIDENCE");
    expect(routeReview(base, agreed(2), 0.05)).toBe("AUDIT");
    expect(routeReview(base, agreed(2), 0.1)).toBeNull();
    expect(routeReview({ ...base, auditShare: 0 }, agreed(9), 0)).toBeNull();
    expect(routeReview({ ...base, confidenceThreshold: 0 }, agreed(0), 0.5)).toBeNull();
  });

  it("draws the audit from the pair id alone: reproducible, uniform enough", () => {
    expect(auditDraw("pair-1")).toBe(auditDraw("pair-1"));
    expect(auditDraw("pair-1")).not.toBe(auditDraw("pair-2"));
    const draws = Array.from({ length: 2000 }, (_, i) => auditDraw(`p${i}`));
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    const share = draws.filter((d) => d < 0.1).length / draws.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
  });
});
