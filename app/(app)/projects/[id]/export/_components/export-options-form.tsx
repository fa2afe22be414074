"use client";

import { CheckboxField, Field, SelectField } from "@/components/ui/field";
import type { InstructionRunSummary } from "@/lib/document-runs/funnel";
import { EXPORT_FORMATS, isSftFormat, LABEL_SOURCES, type LabelSource } from "@/lib/export/options";
import { withRun, type ExportFormState } from "./export-query";

export interface ExportOptionsFormProps {
  /** Votes each pair asks for: "complete pairs only" is on by default above 1. */
  overlap: number;
  form: ExportFormState;
  onChange: (form: ExportFormState) => void;
  /** The project's instruction runs: their kept items can be exported as SFT data instead of the pairs. */
  runs: InstructionRunSummary[];
}

/** "2026-11-30 14:05 UTC": the same text on the server and in the browser. */
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

const formatLabels: Record<(typeof EXPORT_FORMATS)[number], string> = {
  trl: "TRL (prompt, chosen, rejected)",
  trl_conversational: "TRL conversational (messages)",
  orca: "Orca (system, question, chosen, rejected)",
  sft: "SFT (instruction, output)",
  sft_trl: "SFT for TRL (prompt, completion)",
  sft_conversational: "SFT for TRL conversational (messages)",
};

export function ExportOptionsForm({ form, onChange, overlap, runs }: ExportOptionsFormProps) {
  const items = form.run !== "";
  const set = <K extends keyof ExportFormState>(key: K, value: ExportFormState[K]) =>
    onChange({ ...form, [key]: value });
  const toggleSource = (s: LabelSource, on: boolean) =>
    set(
      "sources",
      on ? LABEL_SOURCES.filter((x) => x === s || form.sources.includes(x)) : form.sources.filter((x) => x !== s),
    );
  return (
    <form
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Export settings"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {runs.length > 0 && (
          <SelectField
            label="Rows"
            value={form.run}
            // An instruction run's items are SFT data: choosing one sets an SFT format.
            onChange={(e) => onChange(withRun(form, e.target.value))}
            className="sm:col-span-2"
          >
            <option value="">This project&apos;s pairs</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {`Instruction run of ${when(r.createdAt)} (${r.kept.toLocaleString("en-US")} kept${r.status === "COMPLETED" ? "" : `, ${r.status.toLowerCase()}`})`}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label="Format"
          value={form.format}
          onChange={(e) => set("format", e.target.value as ExportFormState["format"])}
        >
          {/* An instruction run's items have no rejected answer: only the SFT formats apply. */}
          {EXPORT_FORMATS.filter((f) => !items || isSftFormat(f)).map((f) => (
            <option key={f} value={f}>
              {formatLabels[f]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="File type"
          value={form.type}
          onChange={(e) => set("type", e.target.value as ExportFormState["type"])}
        >
          <option value="jsonl">JSONL</option>
          <option value="parquet">Parquet</option>
        </SelectField>
        <SelectField
          label="Split"
          value={form.split}
          onChange={(e) => set("split", e.target.value as ExportFormState["split"])}
        >
          <option value="all">Everything in one file</option>
          <option value="train">Train split</option>
          <option value="test">Test split</option>
        </SelectField>
        <SelectField
          label="Test split by"
          value={form.testBy}
          onChange={(e) => set("testBy", e.target.value as ExportFormState["testBy"])}
        >
          <option value="none">No test split</option>
          <option value="fraction">{items ? "Share of instructions" : "Share of prompts"}</option>
          <option value="count">{items ? "Number of instructions" : "Number of prompts"}</option>
        </SelectField>
        {form.testBy !== "none" && (
          <Field
            label={form.testBy === "fraction" ? "Test share (0 to 1)" : items ? "Test instructions" : "Test prompts"}
            inputMode="decimal"
            value={form.testValue}
            onChange={(e) => set("testValue", e.target.value)}
          />
        )}
        <Field label="Split seed" value={form.seed} onChange={(e) => set("seed", e.target.value)} />
        {!items && (
          <>
            <Field
              label="At least this many votes"
              inputMode="numeric"
              value={form.minVotes}
              onChange={(e) => set("minVotes", e.target.value)}
            />
            <Field
              label="Agreement at least (0 to 1)"
              inputMode="decimal"
              value={form.minAgreement}
              onChange={(e) => set("minAgreement", e.target.value)}
            />
            <Field
              label="Pairs created from"
              type="date"
              value={form.from}
              onChange={(e) => set("from", e.target.value)}
            />
            <Field
              label="Pairs created until"
              type="date"
              value={form.to}
              onChange={(e) => set("to", e.target.value)}
            />
          </>
        )}
        <Field label="License" value={form.license} onChange={(e) => set("license", e.target.value)} />
      </div>
      {!items && (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Labels from</legend>
          <div className="flex flex-wrap gap-4">
            {LABEL_SOURCES.map((s) => (
              <CheckboxField
                key={s}
                label={s}
                checked={form.sources.includes(s)}
                onChange={(e) => toggleSource(s, e.target.checked)}
              />
            ))}
          </div>
        </fieldset>
      )}
      <div className="space-y-2">
        {!items && (
          <>
            <CheckboxField
              label="Complete pairs only"
              hint={`Leave out pairs decided by fewer than ${overlap} vote${overlap === 1 ? "" : "s"} (the overlap), unless adjudicated.`}
              checked={form.completeOnly === "default" ? overlap > 1 : form.completeOnly}
              onChange={(e) => set("completeOnly", e.target.checked)}
            />
            <CheckboxField
              label="Include flagged pairs"
              checked={form.includeFlagged}
              onChange={(e) => set("includeFlagged", e.target.checked)}
            />
          </>
        )}
        <CheckboxField
          label={items ? "One item per instruction" : "One pair per prompt"}
          hint={
            items
              ? "Keep a single item for instructions asked more than once (the oldest)."
              : "Keep a single pair for prompts that have several."
          }
          checked={form.dedupe}
          onChange={(e) => set("dedupe", e.target.checked)}
        />
        <CheckboxField
          label="Metadata columns"
          hint={
            items
              ? "Item id, run, document, passage (chunk) and time."
              : "Pair id, models, votes, agreement, judge verdicts."
          }
          checked={form.metadata}
          onChange={(e) => set("metadata", e.target.checked)}
        />
        {isSftFormat(form.format) && !items && (
          <CheckboxField
            label="Human answers only"
            hint="Keep only the rows whose chosen answer a person wrote on the Write tab."
            checked={form.humanOnly}
            onChange={(e) => set("humanOnly", e.target.checked)}
          />
        )}
      </div>
    </form>
  );
}
