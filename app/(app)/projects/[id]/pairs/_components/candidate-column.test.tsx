// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CandidateColumn, type CandidateColumnProps } from "./candidate-column";

afterEach(cleanup);

const written = {
  id: "c1",
  text: "A written answer.",
  source: "HUMAN",
  role: null,
  sampleIndex: 0,
  finishReason: null,
  flaw: null,
  inputTokens: null,
  outputTokens: null,
  latencyMs: null,
  costUsd: null,
  model: null,
  params: null,
  createdAt: new Date(),
  timeTakenMs: 252_000,
  author: { name: null, email: "wren@x.test" },
  endpoint: null,
  chunk: null,
} as unknown as CandidateColumnProps["candidate"];

const facts = () =>
  Object.fromEntries(
    [...screen.getByRole("article", { name: "Answer A" }).querySelectorAll("dt")].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]),
  );

describe("an answer on the pair page", () => {
  it("says which member wrote a written answer, and the time they took", () => {
    render(<CandidateColumn label="A" candidate={written} chosen={false} />);
    expect(facts()).toMatchObject({ Source: "human", "Written by": "wren@x.test", "Time taken": "4 min 12 s" });
    cleanup();
    render(
      <CandidateColumn label="A" candidate={{ ...written, author: { name: "Wren", email: "wren@x.test" } }} chosen />,
    );
    expect(facts()["Written by"]).toBe("Wren");
  });
});
