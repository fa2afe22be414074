"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { ChunkSettings } from "@/lib/documents/settings";
import { ChunkSettingsForm } from "./chunk-settings-form";
import { DocumentList } from "./document-list";
import { DocumentViewer } from "./document-viewer";
import type { DocumentRow } from "./types";
import { UploadPanel } from "./upload-panel";

export interface DocumentsViewProps {
  projectId: string;
  /** An archived project takes no uploads: its documents are shown, the upload panel is not. */
  archived: boolean;
  maxBytes: number;
  initialDocuments: DocumentRow[];
  initialSettings: ChunkSettings;
}

export function DocumentsView({
  projectId,
  archived,
  maxBytes,
  initialDocuments,
  initialSettings,
}: DocumentsViewProps) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      {archived ? (
        <Alert tone="info">This project is archived: unarchive it in Settings to upload documents.</Alert>
      ) : (
        <UploadPanel projectId={projectId} maxBytes={maxBytes} />
      )}
      <section aria-labelledby="documents-heading" className="space-y-3">
        <h2 id="documents-heading" className="text-lg font-semibold">
          Documents
        </h2>
        <DocumentList
          projectId={projectId}
          initialDocuments={initialDocuments}
          selectedId={selected}
          onSelect={setSelected}
        />
      </section>
      {selected && <DocumentViewer projectId={projectId} documentId={selected} onClose={() => setSelected(null)} />}
      <ChunkSettingsForm projectId={projectId} initialSettings={initialSettings} />
    </div>
  );
}
