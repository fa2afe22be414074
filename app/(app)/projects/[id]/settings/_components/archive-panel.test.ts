import { describe, expect, it } from "vitest";
import { archivePausedSentence } from "./archive-panel";

describe("the Archive panel's runs paused by archiving", () => {
  it("says to resume them once unarchived, and that they are still paused after", () => {
    expect(archivePausedSentence(1, true)).toBe(
      "1 run was paused when the project was archived: resume it where it was started (Generation, Judging or Document runs), once the project is unarchived.",
    );
    expect(archivePausedSentence(3, false)).toBe(
      "3 runs were paused when the project was archived and are still paused: resume them where they were started (Generation, Judging or Document runs).",
    );
  });
});
