"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";

export interface SftDownloadProps {
  projectId: string;
  runId: string;
}

const link =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/** The run's kept items as SFT JSONL: one file, or train and test files split by instruction. */
export function SftDownload({ projectId, runId }: SftDownloadProps) {
  const [testPercent, setTestPercent] = useState("0");
  const [seed, setSeed] = useState("pairwise");
  const percent = Number(testPercent);
  const valid = testPercent.trim() !== "" && Number.isFinite(percent) && percent >= 0 && percent <= 100;
  const href = (split: "all" | "train" | "test") => {
    const q = new URLSearchParams({ split, seed });
    if (split !== "all") q.set("testFraction", String(percent / 100));
    return `/api/projects/${projectId}/documents/runs/${runId}/sft?${q}`;
  };
  return (
    <div
      role="group"
      aria-label="Download as SFT data"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3"
    >
      <Field
        label="Test split (%)"
        type="number"
        min={0}
        max={100}
        value={testPercent}
        error={valid ? undefined : "Between 0 and 100"}
        onChange={(e) => setTestPercent(e.target.value)}
        className="w-32"
      />
      <Field label="Seed" value={seed} maxLength={200} onChange={(e) => setSeed(e.target.value)} className="w-40" />
      {valid && percent > 0 ? (
        <>
          <a className={link} href={href("train")} download>
            Download SFT train JSONL
          </a>
          <a className={link} href={href("test")} download>
            Download SFT test JSONL
          </a>
        </>
      ) : (
        <a className={link} href={href("all")} download>
          Download SFT JSONL
        </a>
      )}
    </div>
  );
}
