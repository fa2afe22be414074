import { accuracy, cohensKappa, confusionMatrix } from "./agreement";
import { judgeHumanLabels, judgeVsHuman, type JudgeHumanRow } from "./judge";
import type { JudgeHumanLabel, ProjectMetrics } from "./types";

export interface PanelJudge {
  id: string;
  name: string;
  modelId: string;
}

/** The panel rows of panelMetricsSql. */
export interface PanelRows {
  judge_each: (JudgeHumanRow & { endpoint: string })[];
  /** a < b (endpoint ids), with each one's verdict on the same pairs. */
  judge_pairs: { a: string; b: string; la: JudgeHumanLabel; lb: JudgeHumanLabel; n: number }[];
}

/**
 * Each judge of a panel against humans (the same figures as the panel's, from the judge's own
 * verdicts), and every two judges against each other: percent agreement and Cohen's kappa over
 * A, B and tie, on the pairs both gave a verdict.
 */
export function panelFigures(judges: PanelJudge[], rows: PanelRows): NonNullable<ProjectMetrics["panel"]> {
  const ref = (j: PanelJudge) => ({ endpointId: j.id, name: j.name });
  const pairs = judges.flatMap((x, i) =>
    judges.slice(i + 1).map((y) => (x.id < y.id ? [x, y] : [y, x]) as [PanelJudge, PanelJudge]),
  );
  return {
    judges: judges.map((j) => {
      const h = judgeVsHuman(rows.judge_each.filter((r) => r.endpoint === j.id));
      return {
        endpointId: j.id,
        name: j.name,
        modelId: j.modelId,
        n: h.n,
        accuracy: h.accuracy,
        kappa: h.kappa,
        ...(h.kappaReason ? { kappaReason: h.kappaReason } : {}),
      };
    }),
    agreement: pairs.map(([a, b]) => {
      const counts = rows.judge_pairs
        .filter((r) => r.a === a.id && r.b === b.id)
        .map((r) => [r.la, r.lb, r.n] as const);
      const confusion = confusionMatrix(judgeHumanLabels, counts);
      const kappa = cohensKappa(confusion);
      return {
        a: ref(a),
        b: ref(b),
        n: kappa.n,
        agreement: accuracy(confusion).value,
        kappa: kappa.value,
        ...(kappa.reason && kappa.n > 0 ? { kappaReason: kappa.reason } : {}),
      };
    }),
  };
}
