import "server-only";
import { createHash } from "node:crypto";
import { bulkPool, bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { getServerEnv } from "@/lib/env";
import { NotFoundError, TooLargeError } from "@/lib/errors";
import { refuseWhenArchived } from "@/lib/projects";
import { cleanDocument, formatOfFileName, type DocumentFormat } from "./clean";
import { listZip, ZipRefused } from "./zip";
import { comparableText } from "./whitespace";

// Several files at once (zips opened), or pasted text: each is cleaned, checked and reported on
// its own, and every document the upload stores goes in one transaction, so nobody sees half an
// upload. Text is stored exactly as sent, except NUL, which PostgreSQL cannot hold: it is removed
// and counted, as imports do.

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/**
 * Refusals named one by one in a report; the rest are only counted. An upload may hold 1,000
 * zips of 5,000 entries each, and one row per refused entry once made a 294 MB response.
 */
export const MAX_REFUSED_LISTED = 1000;

export type DocumentInput =
  { fileName: string; bytes: Uint8Array } | { title: string; text: string; format?: DocumentFormat };

export type DocumentOutcome =
  | { name: string; status: "stored"; documentId: string; title: string; nulRemoved: number }
  | {
      name: string;
      status: "duplicate";
      documentId: string;
      title: string;
      /** The bytes differ, the cleaned text does not (line endings, trailing spaces…). */
      sameOnceCleaned?: true;
    }
  | { name: string; status: "refused"; reason: string };

export interface AddDocumentsReport {
  documents: DocumentOutcome[];
  stored: number;
  duplicates: number;
  refused: number;
  /** Refusals past the first MAX_REFUSED_LISTED, counted in `refused` but not in `documents`. */
  refusedNotListed: number;
  nulRemoved: number;
}

interface Candidate {
  name: string;
  title: string;
  fileName: string | null;
  format: DocumentFormat;
  rawText: string;
  cleanText: string;
  checksum: string;
  cleanChecksum: string;
  byteSize: number;
  nulRemoved: number;
}

// ignoreBOM keeps a byte order mark in the decoded text, so the raw text is the upload as it was;
// cleaning is what takes it away.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

function countNul(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\0"); i !== -1; i = text.indexOf("\0", i + 1)) n++;
  return n;
}

type Prepared = Candidate | { name: string; refused: string };

const tooBig = `it is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit per document`;

function prepare(
  name: string,
  fileName: string | null,
  format: DocumentFormat,
  bytes: Uint8Array,
  fallbackTitle: string,
): Candidate | string {
  let decoded: string;
  try {
    decoded = decoder.decode(bytes);
  } catch {
    return "it is not UTF-8 text";
  }
  const nulRemoved = countNul(decoded);
  const rawText = nulRemoved ? decoded.replaceAll("\0", "") : decoded;
  const { cleanText, title } = cleanDocument(format, rawText, fallbackTitle);
  if (!cleanText) return "it has no text once cleaned";
  return {
    name,
    title,
    fileName,
    format,
    rawText,
    cleanText,
    checksum: sha256(bytes),
    cleanChecksum: sha256(Buffer.from(comparableText(cleanText), "utf8")),
    byteSize: bytes.byteLength,
    nulRemoved,
  };
}

/**
 * The text one upload may decode, across all its files and zip entries. A zip's own limit holds
 * per archive, and a JSON upload carries up to 1,000 of them: 40 zips of 100 MB each once took
 * the server past 5 GB and out of memory, with the event loop blocked for minutes. Each document
 * is charged its size before it is inflated or decoded, so the upload stops where it crosses.
 */
function textBudget(maxBytes: number) {
  let spent = 0;
  return (name: string, bytes: number) => {
    spent += bytes;
    if (spent > maxBytes)
      throw new TooLargeError(
        "upload_too_large",
        `The upload holds more than ${formatMb(maxBytes)} of text once decoded, counting every file and every zip entry ` +
          `(DOCUMENT_UPLOAD_MAX_TEXT_BYTES); it crossed that limit at "${name}". Nothing was stored: send it in smaller parts.`,
      );
  };
}

const formatMb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

// Cleaning 10 MB of markdown takes seconds; between documents the server answers other requests.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const UNSUPPORTED = "its type is not supported (.txt, .md, .markdown, .html, .htm or .zip)";

/** Each file, zip entry and pasted text in turn, prepared only when the previous one is stored. */
async function* expand(inputs: DocumentInput[], maxTextBytes: number): AsyncGenerator<Prepared> {
  const charge = textBudget(maxTextBytes);
  /** One document's outcome; `bytes` is only fetched (an entry inflated) once it is known to be worth it. */
  const document = (name: string, size: number, bytes: () => Uint8Array | string): Prepared => {
    const format = formatOfFileName(name);
    if (format === "zip") return { name, refused: "archives inside an archive are not opened" };
    if (!format) return { name, refused: UNSUPPORTED };
    if (size > MAX_DOCUMENT_BYTES) return { name, refused: tooBig };
    charge(name, size);
    const data = bytes();
    if (typeof data === "string") return { name, refused: data };
    const prepared = prepare(name, baseName(name), format, data, baseName(name));
    return typeof prepared === "string" ? { name, refused: prepared } : prepared;
  };
  for (const input of inputs) {
    if ("bytes" in input && formatOfFileName(input.fileName) === "zip") {
      const name = input.fileName;
      let entries;
      try {
        entries = listZip(input.bytes);
      } catch (err) {
        if (err instanceof ZipRefused) {
          yield { name, refused: `the archive is refused: ${err.message}` };
          continue;
        }
        throw err;
      }
      for (const entry of entries) {
        const entryName = `${name}/${entry.name}`;
        if ("refused" in entry) yield { name: entryName, refused: entry.refused };
        else {
          yield document(entryName, entry.size, () => {
            const opened = entry.open();
            return "refused" in opened ? opened.refused : opened.bytes;
          });
          await yieldToEventLoop();
        }
      }
    } else if ("bytes" in input) {
      yield document(input.fileName, input.bytes.byteLength, () => input.bytes);
      await yieldToEventLoop();
    } else {
      const bytes = new TextEncoder().encode(input.text);
      if (bytes.byteLength > MAX_DOCUMENT_BYTES) yield { name: input.title, refused: tooBig };
      else {
        charge(input.title, bytes.byteLength);
        const prepared = prepare(input.title, null, input.format ?? "TEXT", bytes, input.title);
        yield typeof prepared === "string" ? { name: input.title, refused: prepared } : prepared;
      }
      await yieldToEventLoop();
    }
  }
}

/**
 * Refuses an upload to an archived project: before its bytes are read (the upload route asks
 * first), and again at the end of the upload's transaction (`client`), where the project's row is
 * also locked until the commit, so an archive arriving then waits the moment the commit takes.
 */
export async function refuseUploadWhenArchived(projectId: string, client: BulkClient = bulkPool()): Promise<void> {
  // Outside a transaction FOR SHARE holds only for the statement: the same read serves both checks.
  const { rows } = await client.query<{ archivedAt: Date | null }>(
    `SELECT "archivedAt" FROM "Project" WHERE "id" = $1 FOR SHARE`,
    [projectId],
  );
  if (!rows[0]) throw new NotFoundError("Project");
  refuseWhenArchived(rows[0], "upload documents");
}

export async function addDocuments(input: {
  projectId: string;
  userId: string;
  documents: DocumentInput[];
  /** The text the whole upload may decode (DOCUMENT_UPLOAD_MAX_TEXT_BYTES unless given). */
  maxTextBytes?: number;
}): Promise<AddDocumentsReport> {
  const maxTextBytes = input.maxTextBytes ?? getServerEnv().DOCUMENT_UPLOAD_MAX_TEXT_BYTES;
  let nulRemoved = 0;
  let refused = 0;
  const documents = await bulkTransaction(async (client) => {
    // Uploads into one project take turns, so two uploads of the same file store it once.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`documents:${input.projectId}`]);
    // Each document is stored as soon as it is prepared and its text let go: holding every
    // document's raw and cleaned text until the end took 2 GB for 100 MB of markdown.
    const outcomes: DocumentOutcome[] = [];
    for await (const c of expand(input.documents, maxTextBytes)) {
      if ("refused" in c) {
        if (++refused <= MAX_REFUSED_LISTED) outcomes.push({ name: c.name, status: "refused", reason: c.refused });
        continue;
      }
      const {
        rows: [seen],
      } = await client.query<{ id: string; title: string; sameBytes: boolean }>(
        `SELECT "id", "title", "checksum" = $2 AS "sameBytes" FROM "Document"
         WHERE "projectId" = $1 AND ("checksum" = $2 OR "cleanChecksum" = $3)
         ORDER BY "checksum" = $2 DESC LIMIT 1`,
        [input.projectId, c.checksum, c.cleanChecksum],
      );
      if (seen) {
        outcomes.push({
          name: c.name,
          status: "duplicate",
          documentId: seen.id,
          title: seen.title,
          ...(seen.sameBytes ? {} : { sameOnceCleaned: true as const }),
        });
        continue;
      }
      const {
        rows: [row],
      } = await client.query<{ id: string }>(
        `INSERT INTO "Document" ("id", "projectId", "title", "fileName", "format", "rawText", "cleanText", "checksum", "cleanChecksum", "byteSize", "createdById")
         VALUES (gen_random_uuid()::text, $1, $2, $3, $4::"DocumentFormat", $5, $6, $7, $8, $9, $10) RETURNING "id"`,
        [
          input.projectId,
          c.title,
          c.fileName,
          c.format,
          c.rawText,
          c.cleanText,
          c.checksum,
          c.cleanChecksum,
          c.byteSize,
          input.userId,
        ],
      );
      outcomes.push({ name: c.name, status: "stored", documentId: row!.id, title: c.title, nulRemoved: c.nulRemoved });
      nulRemoved += c.nulRemoved;
    }
    // Archived while the upload was read or stored: nothing is kept.
    await refuseUploadWhenArchived(input.projectId, client);
    return outcomes;
  });
  const count = (status: DocumentOutcome["status"]) => documents.filter((d) => d.status === status).length;
  return {
    documents,
    stored: count("stored"),
    duplicates: count("duplicate"),
    refused,
    refusedNotListed: refused - count("refused"),
    nulRemoved,
  };
}
