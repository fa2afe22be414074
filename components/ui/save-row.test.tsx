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
});
