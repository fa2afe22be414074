import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExportOptionsForm } from "./export-options-form";
import { exportQuery, initialExportForm, runExportForm, withRun, type ExportFormState } from "./export-query";

const runs = [{ id: "run1", createdAt: "2026-11-30T14:05:00.000Z", status: "COMPLETED", kept: 12 }];
const formats = (form: ExportFormState) => {
  const html = renderToStaticMarkup(<ExportOptionsForm form={form} onChange={() => {}} overlap={1} runs={runs} />);
  const select = html.slice(html.indexOf(">Format<"), html.indexOf("</select>", html.indexOf(">Format<")));
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
};

describe("the export form's formats", () => {
  it("offers the SFT formats for TRL beside the others, and only the SFT formats for an instruction run's items", () => {
    expect(formats(initialExportForm)).toEqual([
      "trl",
      "trl_conversational",
      "orca",
      "sft",
      "sft_trl",
      "sft_conversational",
    ]);
    expect(formats(runExportForm("run1"))).toEqual(["sft", "sft_trl", "sft_conversational"]);
  });

  it("keeps an SFT format when a run's items are chosen, and turns a preference format into sft", () => {
    expect(withRun({ ...initialExportForm, format: "sft_conversational" }, "run1").format).toBe("sft_conversational");
    expect(withRun({ ...initialExportForm, format: "trl_conversational" }, "run1").format).toBe("sft");
    expect(withRun({ ...initialExportForm, format: "orca" }, "").format).toBe("orca");
    expect(exportQuery({ ...withRun(initialExportForm, "run1"), format: "sft_trl" })).toBe(
      "format=sft_trl&type=jsonl&split=all&run=run1&seed=pairwise&license=other",
    );
  });

  it("sends humanOnly with every SFT format, and offers its box for them", () => {
    const human = { ...initialExportForm, humanOnly: true };
    for (const format of ["sft", "sft_trl", "sft_conversational"] as const) {
      expect(exportQuery({ ...human, format })).toContain("humanOnly=true");
      expect(
        renderToStaticMarkup(
          <ExportOptionsForm form={{ ...human, format }} onChange={() => {}} overlap={1} runs={[]} />,
        ),
      ).toContain("Human answers only");
    }
    expect(exportQuery({ ...human, format: "trl" })).not.toContain("humanOnly");
  });
});
