import type { ImportFormat, ImportPreview, ImportRowError, PairMapping, PromptMapping } from "@/lib/imports";

// Shapes the browser receives (dates as ISO strings). No server code here: client components
// import these types too.

export type ImportKindName = "PROMPTS" | "PAIRS";

export interface ImportBatchView {
  id: string;
  kind: ImportKindName;
  fileName: string | null;
  format: string;
  total: number;
  imported: number;
  invalid: number;
  /** Within the file plus those the project already had. */
  duplicates: number;
  /** NUL characters removed from the text (PostgreSQL cannot store them). */
  nulsRemoved: number;
  /** The first 100 row errors, in file order. */
  errors: ImportRowError[];
  createdAt: string;
  createdBy: { id: string; email: string | null };
}

/** What deleting an import removes: its own rows, and the work done on them. */
export interface ImportImpact {
  prompts: number;
  pairs: number;
  votes: number;
  adjudications: number;
  judgments: number;
  /** Candidates generated (or written) for the import's prompts. */
  generatedCandidates: number;
  /** Pairs other imports attached to this import's prompts. */
  otherImportPairs: number;
}

export interface ImportResult {
  batch: ImportBatchView;
  /** True when there were more errors than `batch.errors` holds (`batch.invalid` is the real count). */
  errorsTruncated: boolean;
}

/** A prompt with its text and system message whole (`GET /prompts/<promptId>`). */
export interface PromptView {
  id: string;
  text: string;
  system: string | null;
  externalId: string | null;
  createdAt: string;
  counts: { candidates: number; pairs: number };
}

/** The start of a long text, and whether it is only the start. */
export interface ListedText {
  text: string;
  truncated: boolean;
  length: number;
}

/**
 * A prompt as the list gives it: a text longer than the list shows is only its start, with
 * `textTruncated` true and `textLength` the whole text's length (likewise `system…`); the prompt's
 * own address gives it whole.
 */
export interface PromptListItem extends PromptView {
  textTruncated: boolean;
  textLength: number;
  systemTruncated: boolean;
  /** 0 when there is no system message. */
  systemLength: number;
}

export interface PromptPage {
  prompts: PromptListItem[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
  /** All prompts of the project (first page only). */
  total?: number;
}

/** The preview plus the columns an import would use if the admin changes nothing. */
export interface ImportPreviewView extends ImportPreview {
  format: ImportFormat;
  suggested: { prompts: Partial<PromptMapping>; pairs: Partial<PairMapping> };
}
