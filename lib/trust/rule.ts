// The trust rule in words, one text for the metrics page, the settings and the dataset card.
// Client-safe: no database.

export interface TrustRule {
  /** Lowest gold accuracy (0 to 1) whose votes still count; null turns the rule off. */
  minAccuracy: number | null;
  /** Gold answers an annotator needs before the rule applies to them. */
  minGold: number;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function trustRuleText(rule: TrustRule): string {
  if (rule.minAccuracy === null)
    return "Every annotator's votes count, whatever their accuracy on gold pairs (no trust rule is set).";
  return (
    `Votes of annotators whose accuracy on gold pairs is below ${pct(rule.minAccuracy)}, once they have answered ` +
    `at least ${rule.minGold} gold pair${rule.minGold === 1 ? "" : "s"}, are left out of majorities, metrics and exports.`
  );
}
