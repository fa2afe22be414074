import { describe, expect, it } from "vitest";
import { pairReview } from "@/lib/annotation/review";
import { bulkPool } from "@/lib/bulk-db";
import { decidedSql, parameters, PROJECT_SHAPE_SQL, type ProjectShape } from "@/lib/export/sql";
import { exportOptionsSchema } from "@/lib/export/options";
import { exportProject, type PairSpec } from "@/lib/export/test-helpers";
import type { EvaluationMode } from "@/lib/generated/prisma/enums";
import { labelledPairsSql } from "@/lib/metrics/queries";
import { acceptedBy, decideLabel, type Label, type PairLabelFacts } from "./precedence";

// The three consumers of the label precedence (annotation's review page, the metrics page, the
// export) read it from one module; here they are asked, pair by pair, on a project holding every
// kind of label, and must give what the precedence says: for the human part all three alike,
// for the judge and implicit parts the export and the metrics alike, as the mode accepts.
// Votes the trust rule left out count for none of them; gold pairs are in no dataset figure and
// the export leaves them out as gold.

type Expect = {
  human: Label | null;
  HUMAN: Label | null;
  HYBRID: Label | null;
  IMPLICIT: Label | null;
  /** A gold pair: no metrics row, and the export leaves it out as "gold". */
  gold?: true;
};

const FIXTURE: [string, PairSpec, Expect][] = [
  [
    "adjudicated",
    {
      votes: [{ choice: "A" }, { choice: "A" }],
      adjudication: "B",
      judge: { status: "AGREED", label: "A" },
      implicitLabel: "A",
    },
    { human: "B", HUMAN: "B", HYBRID: "B", IMPLICIT: "B" },
  ],
  [
    "majority",
    {
      votes: [{ choice: "B" }, { choice: "B" }, { choice: "A" }],
      judge: { status: "AGREED", label: "A" },
      implicitLabel: "A",
    },
    { human: "B", HUMAN: "B", HYBRID: "B", IMPLICIT: "B" },
  ],
  [
    "majority both bad",
    { votes: [{ choice: "BOTH_BAD" }, { choice: "A" }, { choice: "BOTH_BAD" }] },
    { human: "BOTH_BAD", HUMAN: "BOTH_BAD", HYBRID: "BOTH_BAD", IMPLICIT: "BOTH_BAD" },
  ],
  [
    "tie vote",
    { votes: [{ choice: "TIE" }], implicitLabel: "A" },
    { human: "TIE", HUMAN: "TIE", HYBRID: "TIE", IMPLICIT: "TIE" },
  ],
  [
    "split 1-1",
    { votes: [{ choice: "A" }, { choice: "B" }], judge: { status: "AGREED", label: "A" } },
    { human: "TIE", HUMAN: "TIE", HYBRID: "TIE", IMPLICIT: "TIE" },
  ],
  [
    "three-way split",
    { votes: [{ choice: "A" }, { choice: "B" }, { choice: "BOTH_BAD" }] },
    { human: "TIE", HUMAN: "TIE", HYBRID: "TIE", IMPLICIT: "TIE" },
  ],
  [
    "judge agreed",
    { judge: { status: "AGREED", label: "B" }, implicitLabel: "A" },
    { human: null, HUMAN: null, HYBRID: "B", IMPLICIT: "A" },
  ],
  [
    "judge uncertain",
    { judge: { status: "UNCERTAIN" }, implicitLabel: "A" },
    { human: null, HUMAN: null, HYBRID: null, IMPLICIT: "A" },
  ],
  ["judge failed", { judge: { status: "FAILED" } }, { human: null, HUMAN: null, HYBRID: null, IMPLICIT: null }],
  ["implicit", { implicitLabel: "B", sourceLabel: "A" }, { human: null, HUMAN: null, HYBRID: null, IMPLICIT: "B" }],
  ["imported label", { sourceLabel: "A" }, { human: null, HUMAN: null, HYBRID: null, IMPLICIT: "A" }],
  ["none", {}, { human: null, HUMAN: null, HYBRID: null, IMPLICIT: null }],
  [
    "excluded votes outnumber the counted one",
    {
      votes: [{ choice: "A", excluded: true }, { choice: "A", excluded: true }, { choice: "B" }],
      judge: { status: "AGREED", label: "A" },
      implicitLabel: "A",
    },
    { human: "B", HUMAN: "B", HYBRID: "B", IMPLICIT: "B" },
  ],
  [
    "only excluded votes",
    { votes: [{ choice: "B", excluded: true }], judge: { status: "AGREED", label: "A" }, implicitLabel: "A" },
    { human: null, HUMAN: null, HYBRID: "A", IMPLICIT: "A" },
  ],
  [
    "gold",
    {
      votes: [{ choice: "A" }, { choice: "A" }],
      gold: "A",
      implicitLabel: "A",
      judge: { status: "AGREED", label: "A" },
    },
    { human: "A", HUMAN: "A", HYBRID: "A", IMPLICIT: "A", gold: true },
  ],
];

function facts(spec: PairSpec): PairLabelFacts {
  return {
    adjudication: spec.adjudication ?? null,
    // majority()'s callers pass the counted votes only.
    votes: (spec.votes ?? []).filter((v) => !v.excluded).map((v) => v.choice),
    judgeStatus: spec.judge?.status ?? null,
    judgeLabel: spec.judge?.label ?? null,
    implicitLabel: spec.implicitLabel ?? null,
    sourceLabel: spec.sourceLabel ?? null,
  };
}

/** The export's own statement, read before any exclusion: every pair's label. */
async function exportLabels(projectId: string, mode: EvaluationMode) {
  const { bind, values } = parameters();
  const shape = (await bulkPool().query<ProjectShape>(PROJECT_SHAPE_SQL, [projectId])).rows[0]!;
  const text = `${decidedSql(projectId, mode, exportOptionsSchema.parse({}), bind, shape)} SELECT "id", label, lsrc, final FROM s`;
  const { rows } = await bulkPool().query<{
    id: string;
    label: Label | null;
    lsrc: string | null;
    final: string | null;
  }>(text, values);
  return new Map(rows.map((r) => [r.id, r]));
}

async function metricsLabels(projectId: string) {
  const { rows } = await bulkPool().query<{ id: string; label: Label | null; human: Label | null }>(labelledPairsSql, [
    projectId,
  ]);
  return new Map(rows.map((r) => [r.id, r]));
}

describe("label precedence, one rule for annotation, metrics and export", () => {
  it.each(["HUMAN", "HYBRID", "IMPLICIT"] as const)(
    "%s project: the three consumers give each pair the same label",
    async (mode) => {
      const { project, pair } = await exportProject(mode);
      const ids: string[] = [];
      for (const [, spec] of FIXTURE) ids.push((await pair(spec)).id);
      const exported = await exportLabels(project.id, mode);
      const metrics = await metricsLabels(project.id);

      const seen = [];
      for (const [i, [name, spec, expected]] of FIXTURE.entries()) {
        const id = ids[i]!;
        const review = await pairReview(project.id, id);
        const rule = decideLabel(facts(spec), acceptedBy(mode));
        if (expected.gold) {
          expect({ name, metrics: metrics.has(id), exported: exported.get(id)!.final }).toEqual({
            name,
            metrics: false,
            exported: "gold",
          });
          continue;
        }
        seen.push({
          name,
          annotation: review.outcome.label,
          metricsHuman: metrics.get(id)!.human,
          metrics: metrics.get(id)!.label,
          exported: exported.get(id)!.label,
          exportSource: exported.get(id)!.label ? exported.get(id)!.lsrc : null,
          rule: rule.label,
          ruleSource: rule.source,
        });
        const source = expected.human ? "human" : expected[mode] ? (mode === "IMPLICIT" ? "implicit" : "judge") : null;
        expect(seen.at(-1)).toEqual({
          name,
          annotation: expected.human,
          metricsHuman: expected.human,
          metrics: expected[mode],
          exported: expected[mode],
          exportSource: source,
          rule: expected[mode],
          ruleSource: source,
        });
      }
    },
  );
});
