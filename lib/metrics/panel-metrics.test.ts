import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { settlePair } from "@/lib/judging/settle-pair";
import { createTestEndpoint, createTestPair, createTestProject, createTestUser } from "@/lib/testing/factories";
import { getProjectMetrics } from "./project-metrics";

type Order = "A" | "B" | "TIE" | "F";

/** A pair with its human label (an adjudication) and each judge's two orders, J1, J2, J3. */
interface Spec {
  human?: "A" | "B" | "TIE" | "BOTH_BAD";
  orders: [Order, Order][];
}

async function seed(specs: Spec[], judgeCount: number) {
  const admin = await createTestUser({ role: "ADMIN" });
  const project = await createTestProject({
    generationMode: "IMPORTED",
    evaluationMode: "LLM_JUDGE",
    createdById: admin.id,
  });
  const judges = [];
  for (let i = 1; i <= judgeCount; i++) {
    const judge = await createTestEndpoint({ name: `J${i}-${randomUUID()}` });
    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: judge.id, role: "JUDGE" } });
    judges.push(judge);
  }
  for (const [i, spec] of specs.entries()) {
    const pair = await createTestPair(project.id, `Prompt ${i}`, { answers: ["one", "two"] });
    if (spec.human)
      await db.adjudication.create({
        data: { pairId: pair.id, label: spec.human, reason: "checked", userId: admin.id },
      });
    for (const [j, orders] of spec.orders.entries()) {
      for (const [k, o] of orders.entries()) {
        await db.judgment.create({
          data: {
            projectId: project.id,
            pairId: pair.id,
            endpointId: judges[j]!.id,
            swapped: k === 1,
            status: o === "F" ? "FAILED" : "OK",
            winner: o === "F" ? null : o,
            scoreA: 5,
            scoreB: 5,
            rawText: "{}",
          },
        });
      }
    }
    await settlePair(project, pair.id);
  }
  return { project, judges };
}

describe("metrics of a panel of judges", () => {
  it("gives each judge's agreement with humans and every two judges' agreement, beside the panel's", async () => {
    const { project, judges } = await seed(
      [
        /* P1 */ {
          human: "A",
          orders: [
            ["A", "A"],
            ["A", "A"],
            ["B", "B"],
          ],
        },
        /* P2 */ {
          human: "B",
          orders: [
            ["B", "B"],
            ["A", "A"],
            ["B", "B"],
          ],
        },
        /* P3 */ {
          human: "A",
          orders: [
            ["A", "A"],
            ["A", "B"],
            ["A", "A"],
          ],
        },
        /* P4 */ {
          human: "TIE",
          orders: [
            ["TIE", "TIE"],
            ["F", "A"],
            ["A", "A"],
          ],
        },
        /* P5 */ {
          orders: [
            ["A", "A"],
            ["A", "A"],
            ["A", "A"],
          ],
        },
        /* P6 */ {
          human: "BOTH_BAD",
          orders: [
            ["A", "A"],
            ["B", "B"],
            ["A", "A"],
          ],
        },
      ],
      3,
    );
    const m = await getProjectMetrics(project.id);

    // The panel (majority): P1 A, P2 B, P3 A agree with humans; P4 is uncertain; P5 has no human
    // label and P6's "both bad" is left out.
    expect(m.judgeHuman).toMatchObject({ n: 3, accuracy: 1, bothBadExcluded: 1 });

    const [j1, j2, j3] = judges.map((j) => m.panel!.judges.find((p) => p.endpointId === j.id)!);
    expect(m.panel!.judges.map((j) => j.name)).toEqual(judges.map((j) => j.name)); // by name
    // J1 agrees with humans on P1–P4: kappa 1 (pe = 0.375).
    expect(j1).toMatchObject({ n: 4, accuracy: 1, kappa: 1, modelId: "test-model" });
    // J2 has its own verdict on P1 (A, human A) and P2 (A, human B) only: po 0.5, pe 0.5, kappa 0.
    expect(j2).toMatchObject({ n: 2, accuracy: 0.5, kappa: 0 });
    // J3: P1 B/A, P2 B/B, P3 A/A, P4 A/TIE: po 0.5; pe = 0.5·0.5 + 0.25·0.5 = 0.375; kappa 0.2.
    expect(j3!.n).toBe(4);
    expect(j3!.accuracy).toBe(0.5);
    expect(j3!.kappa).toBeCloseTo(0.2, 12);

    const key = (ids: string[]) => [...ids].sort().join();
    const between = (x: number, y: number) =>
      m.panel!.agreement.find((a) => key([a.a.endpointId, a.b.endpointId]) === key([judges[x]!.id, judges[y]!.id]))!;
    expect(m.panel!.agreement).toHaveLength(3);
    // J1–J2 on P1, P2, P5, P6: same on P1 and P5; marginals 3/4 A each: pe 0.625, kappa −1/3.
    expect(between(0, 1)).toMatchObject({ n: 4, agreement: 0.5 });
    expect(between(0, 1).kappa).toBeCloseTo(-1 / 3, 12);
    // J1–J3 on all six: same on P2, P3, P5, P6; pe = (4/6)² + (1/6)(2/6) = 0.5; kappa 1/3.
    expect(between(0, 2)).toMatchObject({ n: 6 });
    expect(between(0, 2).agreement).toBeCloseTo(2 / 3, 12);
    expect(between(0, 2).kappa).toBeCloseTo(1 / 3, 12);
    // J2–J3 on P1, P2, P5, P6: same on P5 only; pe = 0.5; kappa −1/2.
    expect(between(1, 2)).toMatchObject({ n: 4, agreement: 0.25, kappa: -0.5 });
  });

  it("has no panel figures with a single judge", async () => {
    const { project } = await seed([{ human: "A", orders: [["A", "A"]] }], 1);
    const m = await getProjectMetrics(project.id);
    expect(m.panel).toBeNull();
    expect(m.judgeHuman).toMatchObject({ n: 1, accuracy: 1 });
  });
});
