import { describe, expect, it } from "vitest";
import { exportProject } from "@/lib/export/test-helpers";
import { getProjectMetrics } from "./project-metrics";

describe("win rate by source", () => {
  it("counts decided pairs of a human answer against each model, with n", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const me = project.createdById;
    await pair({ aAuthor: me, votes: [{ choice: "A" }] });
    await pair({ aAuthor: me, votes: [{ choice: "A" }, { choice: "A" }, { choice: "B" }] });
    await pair({ aAuthor: me, votes: [{ choice: "B" }] });
    await pair({ aAuthor: me, votes: [{ choice: "TIE" }] }); // decides nothing
    await pair({ votes: [{ choice: "A" }] }); // two model answers
    // The human answer on the other side, found through the pair's second candidate.
    await pair({ bAuthor: me, votes: [{ choice: "B" }] });
    await pair({ bAuthor: me, votes: [{ choice: "A" }] });
    await pair({ bAuthor: me, votes: [{ choice: "B" }] });
    const m = await getProjectMetrics(project.id);
    expect(m.humanVsModel).toEqual([
      { opponent: "model-a", n: 3, humanWins: 2, humanWinRate: 2 / 3 },
      { opponent: "model-b", n: 3, humanWins: 2, humanWinRate: 2 / 3 },
    ]);
  });

  it("is empty without human answers", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await pair({ votes: [{ choice: "A" }] });
    expect((await getProjectMetrics(project.id)).humanVsModel).toEqual([]);
  });
});
