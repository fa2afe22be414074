import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { OverlapChange } from "./mode-fields";

const html = (from: number, to: number) => renderToStaticMarkup(<OverlapChange from={from} to={to} />);

describe("OverlapChange", () => {
  it("says, before saving, that raising the overlap takes finished pairs out of default exports", () => {
    expect(html(3, 4)).toContain("Raising the overlap from 3 to 4: pairs that had all their 3 votes go back");
    expect(html(3, 4)).toContain("Complete pairs only");
  });

  it("says that lowering it completes pairs at once", () => {
    expect(html(3, 1)).toContain("Lowering the overlap from 3 to 1: pairs with 1 vote or more are complete");
  });

  it("says nothing while the overlap is unchanged or not a number", () => {
    expect(html(3, 3)).toBe("");
    expect(html(3, Number.NaN)).toBe("");
  });
});
