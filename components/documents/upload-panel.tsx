"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type DragEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField, TextareaField } from "@/components/ui/field";
import { apiFetch } from "@/lib/api/client";
import { formatBytes } from "@/lib/api/upload-limit";
import type { AddDocumentsReport } from "@/lib/documents/add-documents";
import { documentsKey } from "./query-keys";
import { UploadReport } from "./upload-report";

export interface UploadPanelProps {
  projectId: string;
  maxBytes: number;
}

const ACCEPT = ".txt,.md,.markdown,.html,.htm,.zip";

/** The file's bytes as base64 (a data: URL without its prefix), read by the browser itself. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

type Upload = { files?: File[]; pasted?: { title: string; text: string; format: string } };

export function UploadPanel({ projectId, maxBytes }: UploadPanelProps) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [format, setFormat] = useState("TEXT");
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async ({ files = [], pasted }: Upload) =>
      apiFetch<AddDocumentsReport>(`/api/projects/${projectId}/documents`, {
        method: "POST",
        json: {
          files: await Promise.all(files.map(async (f) => ({ name: f.name, data: await base64Of(f) }))),
          pasted: pasted ? [pasted] : [],
        },
      }),
    onSuccess: (_report, variables) => {
      if (variables.pasted) {
        setTitle("");
        setText("");
      }
      return queryClient.invalidateQueries({ queryKey: documentsKey(projectId) });
    },
  });

  const send = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (!files.length) return;
    // Base64 in JSON is a third larger than the files themselves.
    const total = files.reduce((n, f) => n + f.size, 0);
    if ((total * 4) / 3 > maxBytes) {
      setTooLarge(
        `These files are larger than the ${formatBytes((maxBytes * 3) / 4)} an upload takes; send fewer at once.`,
      );
      return;
    }
    setTooLarge(null);
    upload.mutate({ files });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files);
  };
  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    upload.mutate({ pasted: { title, text, format } });
  };

  return (
    <section
      aria-labelledby={`${inputId}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${inputId}-heading`} className="text-lg font-semibold">
        Add documents
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex flex-col items-center justify-center rounded-md border-2 border-dashed p-6 text-center text-sm ${
            dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"
          }`}
        >
          <p className="text-slate-700">Drop .txt, .md, .html files or a .zip of them here, or</p>
          <label
            htmlFor={inputId}
            className="mt-2 cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 focus-within:outline-2 focus-within:outline-indigo-600"
          >
            Choose files
            <input
              id={inputId}
              type="file"
              multiple
              accept={ACCEPT}
              className="sr-only"
              onChange={(e) => {
                send(e.target.files);
                e.target.value = "";
              }}
            />
          </label>
        </div>
        <form onSubmit={onPaste} className="space-y-2" aria-label="Paste text">
          <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
          <TextareaField label="Text" rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
          <div className="flex items-end gap-2">
            <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="TEXT">Text</option>
              <option value="MARKDOWN">Markdown</option>
              <option value="HTML">HTML</option>
            </SelectField>
            <Button type="submit" disabled={upload.isPending}>
              Add text
            </Button>
          </div>
        </form>
      </div>
      {upload.isPending && <Alert>Uploading…</Alert>}
      {tooLarge && <Alert tone="error">{tooLarge}</Alert>}
      {upload.error && <Alert tone="error">{upload.error.message}</Alert>}
      {upload.data && !upload.isPending && <UploadReport report={upload.data} />}
    </section>
  );
}
