import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiClientError } from "@/lib/api/client";
import { SaveRow } from "./save-row";

const html = (props: Partial<Parameters<typeof SaveRow>[0]>) =>
  renderToStaticMarkup(<SaveRow label="Save judge" pending={false} saved={false} error={null} {...props} />);

describe("SaveRow", () => {
  it("says Saving… while the save runs, and Saved only once it is over", () => {
    expect(html({ pending: true, saved: true })).toContain("Saving…");
    expect(html({ pending: true, saved: true })).not.toContain(">Saved<");
    expect(html({ saved: true })).toContain('role="status"');
    expect(html({})).not.toContain('role="status"');
  });

  it("shows why a save failed, unless the error names fields, and says so when no answer came", () => {
    expect(html({ error: new ApiClientError(409, "conflict", "The project changed meanwhile") })).toContain(
      "The project changed meanwhile",
    );
    const fields = new ApiClientError(422, "invalid", "Invalid settings", [{ path: "auditShare", message: "0–1" }]);
    expect(html({ error: fields })).not.toContain("Invalid settings");
    expect(html({ error: new TypeError("Failed to fetch") })).toContain("The request failed; check your connection.");
  });

  it("says who changed the settings since the form was opened, and offers to reload them", () => {
    const message =
      "These settings were changed by Ana (ana@x.test) at 2026-12-02 14:32 UTC since you opened them (Guidelines for annotators).";
    const out = html({ error: new ApiClientError(409, "edit_conflict", message) });
    expect(out).toContain(message);
    expect(out).toContain("What you typed stays in the form until you reload");
    expect(out).toMatch(/<button[^>]*type="button"[^>]*>Reload the settings<\/button>/);
    // Any other refusal offers no reload.
    expect(html({ error: new ApiClientError(409, "conflict", "Taken") })).not.toContain("Reload the settings");
  });
});
