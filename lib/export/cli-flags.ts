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
  // true or false; left out, the export keeps complete pairs only when the overlap is above 1.
  "complete-only": "completeOnly",
} as const;

/** Flags without a value, sent as `name=true`. */
export const EXPORT_SWITCHES = {
  "include-flagged": "includeFlagged",
  dedupe: "dedupe",
  metadata: "metadata",
  "human-only": "humanOnly",
} as const;

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
  body: { error?: { message?: string; fields?: { path: string; message: string }[] } } | null,
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
          ? /^Run\b/.test(message)
            ? " (check --run: an instruction run of this project)"
            : " (check --project)"
          : "";
  return `${message}${hint}`;
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
  for (const [flag, name] of Object.entries(EXPORT_SWITCHES)) if (params.get(name) === "true") flags.push(`--${flag}`);
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
