import {
  isSftFormat,
  LABEL_SOURCES,
  type ExportFileType,
  type ExportFormat,
  type ExportSplit,
  type LabelSource,
} from "@/lib/export/options";

/** The export form as typed: strings as in the inputs, turned into the API's query string. */
export interface ExportFormState {
  format: ExportFormat;
  type: ExportFileType;
  split: ExportSplit;
  testBy: "none" | "fraction" | "count";
  testValue: string;
  seed: string;
  minVotes: string;
  minAgreement: string;
  sources: LabelSource[];
  from: string;
  to: string;
  includeFlagged: boolean;
  /** "default": as the project's overlap says (on above 1); else as the admin set it. */
  completeOnly: "default" | boolean;
  dedupe: boolean;
  metadata: boolean;
  humanOnly: boolean;
  license: string;
  /** The instruction run whose kept items are the rows (SFT formats only); "" for the project's pairs. */
  run: string;
}

export const initialExportForm: ExportFormState = {
  format: "trl",
  type: "jsonl",
  split: "all",
  testBy: "none",
  testValue: "0.1",
  seed: "pairwise",
  minVotes: "",
  minAgreement: "",
  sources: [...LABEL_SOURCES],
  from: "",
  to: "",
  includeFlagged: false,
  completeOnly: "default",
  dedupe: false,
  metadata: false,
  humanOnly: false,
  license: "other",
  run: "",
};

/** The form opened for an instruction run's items (the Document runs page links here with ?run=). */
export const runExportForm = (run: string): ExportFormState => withRun(initialExportForm, run);

/** The form with its rows taken from `run` ("" for the pairs): an SFT format kept, another replaced by sft. */
export const withRun = (f: ExportFormState, run: string): ExportFormState => ({
  ...f,
  run,
  format: run && !isSftFormat(f.format) ? "sft" : f.format,
});

/** Only what differs from "no filter" is sent, so the URL stays short and readable. */
export function exportQuery(f: ExportFormState): string {
  const q = new URLSearchParams({ format: f.format, type: f.type, split: f.split });
  if (f.testBy !== "none") q.set(f.testBy === "fraction" ? "testFraction" : "testCount", f.testValue.trim());
  if (f.run) {
    // An instruction run's items: the pair filters have nothing to act on and are not sent.
    q.set("run", f.run);
    for (const [k, v] of Object.entries({ seed: f.seed, license: f.license })) if (v.trim()) q.set(k, v.trim());
    for (const k of ["dedupe", "metadata"] as const) if (f[k]) q.set(k, "true");
    return q.toString();
  }
  const optional = {
    seed: f.seed,
    minVotes: f.minVotes,
    minAgreement: f.minAgreement,
    from: f.from,
    to: f.to,
    license: f.license,
  };
  for (const [k, v] of Object.entries(optional)) if (v.trim()) q.set(k, v.trim());
  if (f.sources.length !== LABEL_SOURCES.length) q.set("sources", f.sources.join(","));
  if (f.completeOnly !== "default") q.set("completeOnly", String(f.completeOnly));
  for (const k of ["includeFlagged", "dedupe", "metadata"] as const) if (f[k]) q.set(k, "true");
  // Only SFT files take it; the box stays ticked while another format is tried.
  if (f.humanOnly && isSftFormat(f.format)) q.set("humanOnly", "true");
  return q.toString();
}
