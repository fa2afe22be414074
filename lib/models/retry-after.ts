/**
 * How long a response asks us to wait, from `retry-after-ms` (OpenAI's, in milliseconds) or
 * `Retry-After` (delay in seconds, or an HTTP date). Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(
  headers: Record<string, string> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) =>
    Object.entries(headers)
      .find(([k]) => k.toLowerCase() === name)?.[1]
      ?.trim();

  const ms = get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));

  const value = get("retry-after");
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // An HTTP date always names a day or month; Date.parse would read "-5" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
