"use client";

import { useState } from "react";
import { Markdown } from "@/components/markdown";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { LIMITS } from "@/lib/projects/schemas";

export interface GuidelinesEditorProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** Markdown guidelines with a preview of what annotators will see. */
export function GuidelinesEditor({ value, onChange, error }: GuidelinesEditorProps) {
  const [preview, setPreview] = useState(false);
  return (
    <div>
      <div className="flex justify-end">
        <Button variant="ghost" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          Preview guidelines
        </Button>
      </div>
      {/* Hidden, not removed, while previewing: the text keeps its place and undo history. */}
      <div hidden={preview}>
        <TextareaField
          label="Guidelines for annotators"
          hint="Markdown: headings, lists, **bold**, *italic*, `code`, [links](https://…)."
          name="guidelines"
          rows={10}
          maxLength={LIMITS.guidelines}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          error={error}
          className="[&_textarea]:font-mono"
        />
      </div>
      {preview && (
        <section aria-label="Guidelines preview" className="min-h-24 rounded-md border border-slate-200 bg-white p-3">
          {value.trim() ? <Markdown source={value} /> : <p className="text-sm text-slate-500">No guidelines yet.</p>}
        </section>
      )}
    </div>
  );
}
