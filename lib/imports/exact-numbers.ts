/**
 * What a JSON number token reads as when JavaScript would not give its text back, or null when it
 * would. A number is stored as the text JavaScript gives it, so only tokens that are exactly that
 * text are kept as written: 42 and 3.5 are, while 12345678901234567890 (read as …567000), 0.1000
 * and 1.50 (trailing zeros), 1E2 (100), 1e21 (1e+21), -0 (0) and 1e400 (Infinity) are not.
 */
export function inexactNumberRead(token: string): string | null {
  const n = Number(token);
  const read = JSON.stringify(n); // "null" for Infinity, never a number token
  if (read === token) return null;
  return Number.isFinite(n) ? read : String(n);
}

/** The row error for a number that would not be kept as written, naming the field. */
export const inexactNumberProblem = ({ path, read }: { path: string; read: string }) =>
  `"${path}" holds a number that would not be kept as written (it reads as ${read}): put it in quotes to keep it exactly`;
