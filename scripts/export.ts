// `npm run export -- --project <id> --format trl --out data.jsonl`: downloads an export through
// the HTTP API with an API token (PAIRWISE_TOKEN or --token) from PAIRWISE_URL (or --url), the
// same way the export page does, so the file is recorded as a snapshot like any other.
import { createHash, randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { access, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { renameDataFile } from "@/lib/export/card";
import { cliErrorDetail, emptyExportWarning, queryOfFlags, serverAddress } from "@/lib/export/cli-flags";
import type { ExportCounts } from "@/lib/export/options";
import { parseExportArgs, usage } from "./export-args";
import { exportFileType } from "./export-file-type";

class CliError extends Error {}

async function apiError(res: Response, what: string): Promise<CliError> {
  const body = (await res.json().catch(() => null)) as Parameters<typeof cliErrorDetail>[1];
  return new CliError(`${what} failed: ${res.status} ${cliErrorDetail(res.status, body, res.statusText)}`);
}

/**
 * Refuses a file whose folder is missing or not writable, before the server is asked: it would
 * run and store the export, and the download then fail as if it had broken off.
 */
async function requireWritable(file: string, flag: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  await access(folder, constants.W_OK).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(
      err.code === "ENOENT"
        ? `Cannot write ${flag} ${file}: the folder ${folder} does not exist`
        : `Cannot write ${flag} ${file}: ${err.code === "EACCES" ? `the folder ${folder} is not writable` : err.message}`,
    );
  });
}

async function main(): Promise<void> {
  const args = parseExportArgs(process.argv.slice(2));
  if (args.help) return void console.log(usage);
  const project = args.project as string | undefined;
  const out = args.out as string | undefined;
  if (!project || !out) throw new CliError(`--project and --out are required\n${usage}`);
  const token = (args.token as string | undefined) ?? process.env.PAIRWISE_TOKEN;
  if (!token)
    throw new CliError(
      "No API token: set PAIRWISE_TOKEN or pass --token (an admin creates one on the API tokens page)",
    );
  if (args.token)
    console.error(
      "Note: --token shows the token in npm's banner, the process list and shell history; PAIRWISE_TOKEN does not.",
    );
  const address = serverAddress(
    (args.url as string | undefined) ?? process.env.PAIRWISE_URL ?? "http://localhost:3000",
  );
  if ("error" in address) throw new CliError(address.error);
  const { base } = address;

  const fileType = exportFileType(out, args.type as string | undefined, args.format as string | undefined);
  if ("error" in fileType) throw new CliError(fileType.error);
  await requireWritable(out, "--out");
  if (typeof args.card === "string") await requireWritable(args.card, "--card");

  const query = queryOfFlags(args);
  query.set("type", fileType.type);

  const headers = { authorization: `Bearer ${token}` };
  const projectUrl = `${base}/api/projects/${encodeURIComponent(project)}`;
  const res = await fetch(`${projectUrl}/export?${query}`, { headers }).catch((err: Error) => {
    throw new CliError(`Cannot reach ${base}: ${err.cause instanceof Error ? err.cause.message : err.message}`);
  });
  if (!res.ok || !res.body) throw await apiError(res, "Export");
  const snapshotId = res.headers.get("x-pairwise-snapshot") ?? "";
  // The name the server gives the file, which its dataset card uses.
  const served = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];

  // Written beside the target and renamed at the end: a failed export leaves no half file.
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(4).toString("hex")}.part`);
  const hash = createHash("sha256");
  let bytes = 0;
  let newlines = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      for (const b of chunk) if (b === 0x0a) newlines++;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), tap, createWriteStream(temp));
  } catch (err) {
    await rm(temp, { force: true });
    throw new CliError(
      `The download broke off after ${bytes} bytes (${(err as Error).message}); nothing was written to ${out}`,
    );
  }
  const checksum = hash.digest("hex");

  const info = await fetch(`${projectUrl}/exports/${snapshotId}`, { headers });
  if (!info.ok) {
    await rm(temp, { force: true });
    throw await apiError(info, "Reading the export's record");
  }
  const { export: snap } = (await info.json()) as {
    export: { status: string; checksum: string | null; rowCount: number; counts: Partial<ExportCounts> };
  };
  if (snap.status !== "COMPLETE" || snap.checksum !== checksum) {
    await rm(temp, { force: true });
    throw new CliError(
      `The server recorded export ${snapshotId} as ${snap.status} with checksum ${snap.checksum}, but ${checksum} arrived; nothing was written`,
    );
  }
  await rename(temp, out);

  if (typeof args.card === "string") {
    const card = await fetch(`${projectUrl}/exports/${snapshotId}/card`, { headers });
    if (!card.ok) throw await apiError(card, "Downloading the dataset card");
    // The card names the file as the server named it; this one was written to --out, and the
    // card's data_files say where, relative to the card (as the Hugging Face Hub reads them).
    const written = path
      .relative(path.dirname(path.resolve(args.card)), path.resolve(out))
      .split(path.sep)
      .join("/");
    const text = await card.text();
    await writeFile(args.card, served ? renameDataFile(text, served, written) : text);
  }
  const rows = query.get("type") === "jsonl" ? newlines : snap.rowCount;
  // Still a success (the file is what was asked for), but not one to pass off as a dataset.
  if (rows === 0) console.error(`export: ${emptyExportWarning(out, query, snap.counts.excluded)}`);
  console.log(
    `${out}: ${rows} rows, ${bytes} bytes, snapshot ${snapshotId}, sha256 ${checksum}${typeof args.card === "string" ? `; card in ${args.card}` : ""}`,
  );
}

main().catch((err: unknown) => {
  const message =
    err instanceof CliError || (err as { code?: string })?.code?.startsWith("ERR_PARSE_ARGS")
      ? (err as Error).message
      : String(err);
  console.error(`export: ${message}`);
  process.exit(1);
});
