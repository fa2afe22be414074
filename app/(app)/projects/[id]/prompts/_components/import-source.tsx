"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";

export type ImportSource = { kind: "file"; file: File } | { kind: "text"; text: string };

export interface ImportSourcePickerProps {
  onChoose(source: ImportSource): void;
  disabled?: boolean;
}

/** A file from disk, or text pasted in: JSONL, JSON, CSV, or one prompt per line. */
export function ImportSourcePicker({ onChoose, disabled }: ImportSourcePickerProps) {
  const [pasting, setPasting] = useState(false);

  function onPaste(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("pasted") ?? "");
    if (text.trim()) onChoose({ kind: "text", text });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium text-slate-700">
            File
          </label>
          <input
            id="import-file"
            type="file"
            accept=".jsonl,.ndjson,.json,.csv,.txt,application/json,text/csv,text/plain"
            disabled={disabled}
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) onChoose({ kind: "file", file });
            }}
          />
        </div>
        <Button variant="ghost" onClick={() => setPasting((p) => !p)} aria-expanded={pasting} disabled={disabled}>
          {pasting ? "Hide the text box" : "Paste text instead"}
        </Button>
      </div>
      {pasting && (
        <form onSubmit={onPaste} aria-label="Paste text" className="space-y-2">
          <TextareaField
            label="Pasted text"
            name="pasted"
            rows={6}
            hint="JSONL, a JSON array, CSV with a header, or one prompt per line."
            className="font-mono"
          />
          <Button type="submit" variant="secondary" disabled={disabled}>
            Preview pasted text
          </Button>
        </form>
      )}
    </div>
  );
}
