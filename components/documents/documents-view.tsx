"use client";

import { useState } from "react";
import type { ChunkSettings } from "@/lib/documents/settings";
import { ChunkSettingsForm } from "./chunk-settings-form";
import { DocumentList } from "./document-list";
import { DocumentViewer } from "./document-viewer";
import type { DocumentRow } from "./types";
import { UploadPanel } from "./upload-panel";

export interface DocumentsViewProps {
  projectId: string;
  maxBytes: number;
  initialDocuments: DocumentRow[];
  initialSettings: ChunkSettings;
}

export function DocumentsView({ projectId, maxBytes, initialDocuments, initialSettings }: DocumentsViewProps) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      <UploadPanel projectId={projectId} maxBytes={maxBytes} />
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
