// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { AnswerColumn } from "./answer-column";

afterEach(cleanup);

describe("AnswerColumn", () => {
  it("names each answer once, with its side, on the column, its heading and its scroll box", () => {
    render(
      <>
        <AnswerColumn label="A" text="Paris." selected={false} />
        <AnswerColumn label="B" text="Lyon." selected />
      </>,
    );
    expect(screen.getByRole("article", { name: "Answer A, left" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Answer A, left" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: /^Answer B, right ?preferred$/ })).toBeTruthy();
    const box = screen.getByRole("group", { name: "Answer B, right" });
    expect(box.tabIndex).toBe(0);
    expect(box.textContent).toBe("Lyon.");
  });

  it("says when an answer is only spaces or invisible characters", () => {
    render(
      <>
        <AnswerColumn label="A" text={" \n\u200b\u00a0\ufeff\u2060 "} selected={false} />
        <AnswerColumn label="B" text="Something." selected={false} />
      </>,
    );
    const note = "(this answer is blank: only spaces or invisible characters)";
    expect(screen.getByRole("group", { name: "Answer A, left" }).textContent).toContain(note);
    expect(screen.getByRole("group", { name: "Answer B, right" }).textContent).not.toContain(note);
  });
});
