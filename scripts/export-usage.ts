import { EXPORT_FORMATS } from "@/lib/export/options";

/** `npm run export -- --help`: the formats listed from the one list the API checks. */
export const usage = `Usage: npm run export -- --project <id> --out <file.jsonl|file.parquet> [options]
  --format ${EXPORT_FORMATS.join("|")}
                     (default trl; for TRL's SFTTrainer: sft_trl or sft_conversational)
  --type jsonl|parquet  (default: from the --out extension; they must agree)
  --split all|train|test  --test-fraction 0.1 | --test-count 100  --seed <text>
  --min-votes N  --min-agreement 0.8  --sources human,judge,implicit  --from YYYY-MM-DD  --to YYYY-MM-DD
  --include-flagged  --dedupe  --metadata  --human-only (SFT formats)  --license cc-by-4.0
  --run <runId>      (SFT formats) the kept items of an instruction run (Document runs) instead of the pairs
  --card README.md   also save the dataset card (its data_files name the --out file)
  PAIRWISE_TOKEN     the API token (--token <token> also works, but shows it in npm's banner,
                     the process list and shell history)
  --url <address>    (or PAIRWISE_URL, default http://localhost:3000)`;
