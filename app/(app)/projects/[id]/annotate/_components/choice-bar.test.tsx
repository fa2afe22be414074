import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChoiceBar } from "./choice-bar";
import { emptyDraft } from "./draft-state";

const noop = () => {};

/** The opening tag of the button with this visible label. */
function button(html: string, label: string) {
  return [...html.matchAll(/<button[^>]*>/g)].find((m) => html.slice(m.index).startsWith(`${m[0]}${label}`))?.[0];
}

describe("ChoiceBar", () => {
  it("lets Enter press a choice not yet made, and submit from the one that is", () => {
    const html = renderToStaticMarkup(
      <ChoiceBar draft={{ ...emptyDraft, choice: "LEFT" }} onChoose={noop} onStrength={noop} onSubmit={noop} />,
    );
    expect(button(html, "A better")).toContain("data-enter-submits");
    for (const label of ["B better", "Tie", "Both bad", "Slightly", "Clearly"]) {
      expect(button(html, label), label).toBeDefined();
      expect(button(html, label), label).not.toContain("data-enter-submits");
    }
  });
});
