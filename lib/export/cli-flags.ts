import { EXCLUSION_LABELS, type ExclusionReason } from "./options";

/**
 * The `npm run export` flags and the export API's query names they stand for: the script turns
 * flags into a query, the Export page turns its query back into the command it shows.
 */
export const EXPORT_QUERY_FLAGS = {
  format: "format",
  type: "type",
  split: "split",
  "test-fraction": "testFraction",
  "test-count": "testCount",
  seed: "seed",
  "min-votes": "minVotes",
  "min-agreement": "minAgreement",
  sources: "sources",
  from: "from",
  to: "to",
  license: "license",
  // SFT formats only: the kept items of this instruction run instead of the project's pairs.
  run: "run",
} as const;

/**
 * Flags without a value: `--dedupe` sends `dedupe=true`, `--no-dedupe` sends `dedupe=false`, and
 * a switch not given is not sent (the API's default). For complete-only the default depends on
 * the project (complete pairs only when the overlap is above 1), so both forms matter.
 */
export const EXPORT_SWITCHES = {
  "include-flagged": "includeFlagged",
  dedupe: "dedupe",
  metadata: "metadata",
  "human-only": "humanOnly",
  "complete-only": "completeOnly",
} as const;

/** The export API's query from the CLI's parsed flags (node:util parseArgs, negatives allowed). */
export function queryOfFlags(args: Record<string, string | boolean | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [flag, name] of Object.entries(EXPORT_QUERY_FLAGS))
    if (typeof args[flag] === "string") query.set(name, args[flag]);
  for (const [flag, name] of Object.entries(EXPORT_SWITCHES))
    if (typeof args[flag] === "boolean") query.set(name, String(args[flag]));
  return query;
}

const SWITCH_NAMES: Record<string, true> = Object.fromEntries(Object.values(EXPORT_SWITCHES).map((n) => [n, true]));

/** The flag that sets an API option (`minVotes` → `--min-votes`). */
const FLAG_OF: Record<string, string> = Object.fromEntries(
  [...Object.entries(EXPORT_QUERY_FLAGS), ...Object.entries(EXPORT_SWITCHES)].map(([flag, name]) => [
    name,
    `--${flag}`,
  ]),
);

/**
 * What the script prints after "<what> failed: <status>" for an error answer: its message in the
 * flags' names (the API names its own options), and where to look.
 */
export function cliErrorDetail(
  status: number,
  body: { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | null,
  statusText = "",
): string {
  const fields = body?.error?.fields ?? [];
  const message = fields.length
    ? fields
        .map(({ path, message }) => {
          const flag = FLAG_OF[path] ?? path;
          return message.startsWith(`${path} `) ? `${flag}${message.slice(path.length)}` : `${flag}: ${message}`;
        })
        .join("; ")
    : (body?.error?.message ?? statusText);
  const hint =
    status === 401
      ? " (check PAIRWISE_TOKEN or --token)"
      : status === 403
        ? " (the token's user must be an admin)"
        : status === 404
          ? notFoundHint(body?.error?.code, message)
          : "";
  return `${message}${hint}`;
}

/**
 * Pairwise answers a missing project or run with its own `not_found` body; any other 404 (an
 * HTML page, another server's "Unknown request URL") means the request went to the wrong place.
 */
function notFoundHint(code: string | undefined, message: string): string {
  if (code !== "not_found")
    return " (check --url or PAIRWISE_URL: what answered is not Pairwise's API at that address)";
  if (/^Run\b/.test(message)) return " (check --run: an instruction run of this project)";
  if (/^Project\b/.test(message)) return " (check --project)";
  return "";
}

/**
 * What the CLI prints when the file it wrote has no rows: which options were set (as flags), and
 * why the server left rows out, so an empty dataset is not taken for a finished one.
 */
export function emptyExportWarning(
  out: string,
  query: URLSearchParams,
  excluded: Partial<Record<ExclusionReason, number>> = {},
): string {
  const set = [...query.entries()]
    .filter(([name]) => name !== "type")
    .map(([name, value]) => {
      const flag = FLAG_OF[name] ?? name;
      return name in SWITCH_NAMES ? (value === "true" ? flag : `--no-${flag.slice(2)}`) : `${flag} ${value}`;
    });
  const split = query.get("split");
  const reasons = Object.entries(excluded)
    .filter(([, n]) => n && n > 0)
    .map(([reason, n]) => `${n} ${EXCLUSION_LABELS[reason as ExclusionReason] ?? reason}`);
  return (
    `warning: ${out} has no rows. Options set: ${set.length ? set.join(", ") : "none"}.` +
    (reasons.length
      ? ` Left out: ${reasons.join(", ")}.`
      : split === "train" || split === "test"
        ? ` No pair was left out by a filter: the ${split} split is empty.`
        : " No pair was left out by a filter: the project has none to export.")
  );
}

/** Single-quoted for a POSIX shell unless the value is plainly safe. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The two ways to download the export the page has set up, from a terminal: the CLI (which
 * also records the card) and plain curl. The token stays a variable: it is never on the page.
 */
export function exportCommands(projectId: string, query: string, origin: string): { cli: string; curl: string } {
  const params = new URLSearchParams(query);
  const type = params.get("type") === "parquet" ? "parquet" : "jsonl";
  const out = `dataset.${type}`;
  const flags: string[] = [];
  for (const [flag, name] of Object.entries(EXPORT_QUERY_FLAGS)) {
    const value = params.get(name);
    // The file type follows --out; the others are passed as the page set them.
    if (value !== null && name !== "type") flags.push(`--${flag} ${shellQuote(value)}`);
  }
  for (const [flag, name] of Object.entries(EXPORT_SWITCHES)) {
    if (params.get(name) === "true") flags.push(`--${flag}`);
    // Only complete-only is sent as false by the page: the project's default would be on.
    else if (params.get(name) === "false") flags.push(`--no-${flag}`);
  }
  const cli = [
    `PAIRWISE_URL=${shellQuote(origin)} npm run export --`,
    `--project ${shellQuote(projectId)}`,
    ...flags,
    `--out ${out}`,
  ].join(" ");
  const url = `${origin}/api/projects/${encodeURIComponent(projectId)}/export?${query}`;
  const curl = `curl -fH "Authorization: Bearer $PAIRWISE_TOKEN" -o ${out} ${shellQuote(url)}`;
  return { cli, curl };
}

/**
 * The server address of `--url` (or PAIRWISE_URL), without a trailing slash. A user name or
 * password in it is refused: it would be printed in errors and sent with every request, and the
 * API token is the only credential the server takes. Errors never repeat the address.
 */
export function serverAddress(raw: string): { base: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: "--url (or PAIRWISE_URL) is not an address: give one like http://localhost:3000" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { error: "--url (or PAIRWISE_URL) must start with http:// or https://" };
  if (url.username || url.password)
    return {
      error:
        "--url (or PAIRWISE_URL) must not hold a user name or password: the API token (PAIRWISE_TOKEN) is the credential",
    };
  return { base: raw.replace(/\/+$/, "") };
}
