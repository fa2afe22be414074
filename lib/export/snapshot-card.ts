import "server-only";
import { db } from "@/lib/db";
import { renderCard } from "./card";
import { cardAgreement, cardProjectFacts, cardRunFacts } from "./card-facts";
import { dataFilesFor } from "./download";
import { columnsFor } from "./engine";
import { exportOptionsSchema, type ExportCounts, type ExportOptions } from "./options";

// A snapshot's dataset card is written once its file is complete. Its agreement figures take
// seconds on a large project and are not part of the file, so the download ends with its last
// byte and the card follows. A card that was never written (the server stopped in between) is
// written when first asked for.

export interface CardSnapshot {
  id: string;
  projectId: string;
  createdById: string;
  createdAt: Date;
  options: ExportOptions;
  counts: ExportCounts;
  checksum: string;
  byteSize: number;
  rowCount: number;
}

const inProgress = new Map<string, Promise<void>>();

async function render(s: CardSnapshot): Promise<string> {
  const runId = s.options.run;
  // An instruction run's items have no votes or verdicts: no agreement figures to read for them.
  const [facts, agreement, documents, project, author] = await Promise.all([
    cardProjectFacts(s.projectId),
    runId !== undefined ? { figures: [] } : cardAgreement(s.projectId),
    runId !== undefined ? cardRunFacts(s.projectId, runId) : undefined,
    db.project.findUniqueOrThrow({ where: { id: s.projectId }, select: { name: true } }),
    db.user.findUnique({ where: { id: s.createdById }, select: { name: true } }),
  ]);
  return renderCard({
    ...facts,
    options: s.options,
    counts: s.counts,
    agreement,
    documents,
    columns: columnsFor(s.options),
    dataFiles: dataFilesFor(project.name, s.options),
    snapshot: {
      id: s.id,
      createdAt: s.createdAt,
      // A name, never the email: the card may be published.
      createdBy: author?.name || "a Pairwise admin",
      checksum: s.checksum,
      byteSize: s.byteSize,
      rowCount: s.rowCount,
    },
  });
}

/** Writes the card of a complete snapshot, once: a second writer (another process) changes nothing. */
export function writeSnapshotCard(s: CardSnapshot): Promise<void> {
  const running = inProgress.get(s.id);
  if (running) return running;
  const writing = render(s)
    .then((card) => db.exportSnapshot.updateMany({ where: { id: s.id, card: "" }, data: { card } }))
    .then(() => undefined)
    .finally(() => inProgress.delete(s.id));
  inProgress.set(s.id, writing);
  return writing;
}

/** The card of a complete snapshot, waiting for it (or writing it) when it is not there yet. */
export async function snapshotCard(snapshotId: string): Promise<string> {
  const row = await db.exportSnapshot.findUniqueOrThrow({ where: { id: snapshotId } });
  if (row.card) return row.card;
  await writeSnapshotCard({
    id: row.id,
    projectId: row.projectId,
    createdById: row.createdById,
    createdAt: row.createdAt,
    options: exportOptionsSchema.parse(row.options),
    counts: row.counts as unknown as ExportCounts,
    checksum: row.checksum ?? "",
    byteSize: Number(row.byteSize),
    rowCount: row.rowCount,
  });
  return (await db.exportSnapshot.findUniqueOrThrow({ where: { id: snapshotId }, select: { card: true } })).card;
}
