/** 0.4567 -> "45.7%"; null -> "—". */
export function percent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

/** A statistic such as kappa, to three decimals; null -> "—". */
export function stat(value: number | null, digits = 3): string {
  return value === null ? "—" : value.toFixed(digits);
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}
