import "server-only";
import { columnsFor, exportCounts, exportStream } from "./engine";
import type { ExportSource } from "./snapshots";

/** The export engine behind the routes. */
export const exportSource: ExportSource = { counts: exportCounts, stream: exportStream, columns: columnsFor };
