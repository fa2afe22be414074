import { parseArgs } from "node:util";
import { EXPORT_QUERY_FLAGS, EXPORT_SWITCHES } from "@/lib/export/cli-flags";
import { EXPORT_FORMATS } from "@/lib/export/options";

// `npm run export`'s command line: its options, and the --help that lists every one of them.

export const usage = `Usage: npm run export -- --project <id> --out <file.jsonl|file.parquet> [options]
  --format ${EXPORT_FORMATS.join("|")}
                     (default trl; for TRL's SFTTrainer: sft_trl or sft_conversational)
  --type jsonl|parquet  (default: from the --out extension; they must agree)
  --split all|train|test  --test-fraction 0.1 | --test-count 100  --seed <text>
  --min-votes N  --min-agreement 0.8  --sources human,judge,implicit  --from YYYY-MM-DD  --to YYYY-MM-DD
  --include-flagged  --dedupe  --metadata  --human-only (SFT formats)  --license cc-by-4.0
  --complete-only    only pairs with as many votes as the project's overlap (--no-complete-only:
                     all of them); not given, on when the overlap is above 1
  --run <runId>      (SFT formats) the kept items of an instruction run (Document runs) instead of the pairs
  --card README.md   also save the dataset card (its data_files name the --out file)
  PAIRWISE_TOKEN     the API token (--token <token> also works, but shows it in npm's banner,
                     the process list and shell history)
  --url <address>    (or PAIRWISE_URL, default http://localhost:3000)
  --help             this text
Switches (--dedupe…) also take a --no- form, which sends the option as false.`;

const STRINGS = ["project", "out", "card", "token", "url", ...Object.keys(EXPORT_QUERY_FLAGS)];

/** Every option the command takes, by name. */
export const EXPORT_OPTIONS = {
  ...Object.fromEntries(STRINGS.map((k) => [k, { type: "string" as const }])),
  ...Object.fromEntries(Object.keys(EXPORT_SWITCHES).map((k) => [k, { type: "boolean" as const }])),
  help: { type: "boolean" as const },
};

export function parseExportArgs(argv: string[]): Record<string, string | boolean | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: EXPORT_OPTIONS,
    strict: true,
    allowPositionals: false,
    allowNegative: true,
  });
  return values as Record<string, string | boolean | undefined>;
}
