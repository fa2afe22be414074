import "server-only";
import { createHash } from "node:crypto";
import { bulkTransaction } from "@/lib/bulk-db";
import { cleanDocument, formatOfFileName, type DocumentFormat } from "./clean";
import { readZip, ZipRefused } from "./zip";

// Several files at once (zips opened), or pasted text: each is cleaned, checked and reported on
// its own, and every document the upload stores goes in one transaction, so nobody sees half an
// upload. Text is stored exactly as sent, except NUL, which PostgreSQL cannot hold: it is removed
// and counted, as imports do.

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type DocumentInput =
  { fileName: string; bytes: Uint8Array } | { title: string; text: string; format?: DocumentFormat };

export type DocumentOutcome =
  | { name: string; status: "stored"; documentId: string; title: string; nulRemoved: number }
  | { name: string; status: "duplicate"; documentId: string; title: string }
  | { name: string; status: "refused"; reason: string };

export interface AddDocumentsReport {
  documents: DocumentOutcome[];
  stored: number;
  duplicates: number;
  refused: number;
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
  byteSize: number;
  nulRemoved: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

function countNul(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\0"); i !== -1; i = text.indexOf("\0", i + 1)) n++;
  return n;
}

function prepare(
  name: string,
  fileName: string | null,
  format: DocumentFormat,
  bytes: Uint8Array,
  fallbackTitle: string,
): Candidate | string {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES)
    return `it is larger than the ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB limit per document`;
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
    byteSize: bytes.byteLength,
    nulRemoved,
  };
}

function expand(inputs: DocumentInput[]): (Candidate | { name: string; refused: string })[] {
  const out: (Candidate | { name: string; refused: string })[] = [];
  const file = (name: string, bytes: Uint8Array, inArchive: boolean) => {
    const format = formatOfFileName(name);
    if (format === "zip") {
      if (inArchive) return out.push({ name, refused: "archives inside an archive are not opened" });
      let entries;
      try {
        entries = readZip(bytes);
      } catch (err) {
        if (err instanceof ZipRefused) return out.push({ name, refused: `the archive is refused: ${err.message}` });
        throw err;
      }
      for (const entry of entries) {
        const entryName = `${name}/${entry.name}`;
        if ("refused" in entry) out.push({ name: entryName, refused: entry.refused });
        else file(entryName, entry.bytes, true);
      }
      return;
    }
    if (!format)
      return out.push({ name, refused: "its type is not supported (.txt, .md, .markdown, .html, .htm or .zip)" });
    const prepared = prepare(name, baseName(name), format, bytes, baseName(name));
    out.push(typeof prepared === "string" ? { name, refused: prepared } : prepared);
  };
  for (const input of inputs) {
    if ("bytes" in input) file(input.fileName, input.bytes, false);
    else {
      const bytes = new TextEncoder().encode(input.text);
      const prepared = prepare(input.title, null, input.format ?? "TEXT", bytes, input.title);
      out.push(typeof prepared === "string" ? { name: input.title, refused: prepared } : prepared);
    }
  }
  return out;
}

export async function addDocuments(input: {
  projectId: string;
  userId: string;
  documents: DocumentInput[];
}): Promise<AddDocumentsReport> {
  const prepared = expand(input.documents);
  const candidates = prepared.filter((p): p is Candidate => !("refused" in p));
  const outcomes = await bulkTransaction(async (client) => {
    // Uploads into one project take turns, so two uploads of the same file store it once.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`documents:${input.projectId}`]);
    const { rows: existing } = await client.query<{ id: string; title: string; checksum: string }>(
      `SELECT "id", "title", "checksum" FROM "Document" WHERE "projectId" = $1 AND "checksum" = ANY($2::text[])`,
      [input.projectId, candidates.map((c) => c.checksum)],
    );
    const known = new Map(existing.map((d) => [d.checksum, { id: d.id, title: d.title }]));
    const result = new Map<Candidate, DocumentOutcome>();
    for (const c of candidates) {
      const seen = known.get(c.checksum);
      if (seen) {
        result.set(c, { name: c.name, status: "duplicate", documentId: seen.id, title: seen.title });
        continue;
      }
      const {
        rows: [row],
      } = await client.query<{ id: string }>(
        `INSERT INTO "Document" ("id", "projectId", "title", "fileName", "format", "rawText", "cleanText", "checksum", "byteSize", "createdById")
         VALUES (gen_random_uuid()::text, $1, $2, $3, $4::"DocumentFormat", $5, $6, $7, $8, $9) RETURNING "id"`,
        [input.projectId, c.title, c.fileName, c.format, c.rawText, c.cleanText, c.checksum, c.byteSize, input.userId],
      );
      known.set(c.checksum, { id: row!.id, title: c.title });
      result.set(c, { name: c.name, status: "stored", documentId: row!.id, title: c.title, nulRemoved: c.nulRemoved });
    }
    return result;
  });
  const documents = prepared.map((p): DocumentOutcome =>
    "refused" in p ? { name: p.name, status: "refused", reason: p.refused } : outcomes.get(p)!,
  );
  const count = (status: DocumentOutcome["status"]) => documents.filter((d) => d.status === status).length;
  return {
    documents,
    stored: count("stored"),
    duplicates: count("duplicate"),
    refused: count("refused"),
    nulRemoved: candidates.reduce((n, c) => n + (outcomes.get(c)?.status === "stored" ? c.nulRemoved : 0), 0),
  };
}
