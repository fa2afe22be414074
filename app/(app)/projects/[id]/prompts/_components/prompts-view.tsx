"use client";

import { Alert } from "@/components/ui/alert";
import type { ImportBatchView, PromptPage } from "@/lib/prompts/types";
import { ImportHistory } from "./import-history";
import { ImportPanel } from "./import-panel";
import { PromptList } from "./prompt-list";

export interface PromptsViewProps {
  projectId: string;
  archived: boolean;
  canImportPairs: boolean;
  maxBytes: number;
  initialPage: PromptPage;
  initialImports: ImportBatchView[];
}

export function PromptsView({
  projectId,
  archived,
  canImportPairs,
  maxBytes,
  initialPage,
  initialImports,
}: PromptsViewProps) {
  return (
    <div className="space-y-6">
      {archived ? (
        <Alert tone="info">This project is archived: unarchive it in Settings to import into it.</Alert>
      ) : (
        <ImportPanel projectId={projectId} canImportPairs={canImportPairs} maxBytes={maxBytes} />
      )}
      <ImportHistory projectId={projectId} initialImports={initialImports} />
      <PromptList projectId={projectId} initialPage={initialPage} />
    </div>
  );
}
