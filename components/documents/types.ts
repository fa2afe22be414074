import type { DocumentListItem } from "@/lib/documents/documents";

/** A document of the list as the browser receives it (dates as ISO strings). */
export type DocumentRow = Omit<DocumentListItem, "createdAt"> & { createdAt: string | Date };

export const formatLabel: Record<DocumentRow["format"], string> = { TEXT: "Text", MARKDOWN: "Markdown", HTML: "HTML" };
