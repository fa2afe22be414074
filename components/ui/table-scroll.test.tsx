import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdminTable } from "./admin-table";

describe("TableScroll", () => {
  it("lets a wide table scroll in its own named, focusable box instead of widening the page", () => {
    const out = renderToStaticMarkup(
      <AdminTable label="Users" headings={["Email"]}>
        <tr>
          <td>someone@example.com</td>
        </tr>
      </AdminTable>,
    );
    expect(out).toMatch(/^<div role="region" aria-label="Users" tabindex="0" class="max-w-full overflow-x-auto /);
    expect(out).toContain("<table");
  });
});
