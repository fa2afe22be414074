import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProjectDashboard } from "@/lib/dashboard/types";
import { DashboardView } from "./dashboard-view";

const dashboard = (votesOptional: boolean, pairsAwaitingJudge = 0): ProjectDashboard => ({
  votesPerDay: [{ day: "2026-03-10", votes: 0 }],
  annotators: [],
  remaining: {
    votesOptional,
    pairsNeedingVotes: 72,
    votesNeeded: 72,
    pendingTasks: 0,
    runningTasks: 0,
    pairsAwaitingJudge,
  },
  costPerDay: [],
});
const html = (votesOptional: boolean, pairsAwaitingJudge = 0) =>
  renderToStaticMarkup(
    <DashboardView projectId="p1" dashboard={dashboard(votesOptional, pairsAwaitingJudge)} recentVotes={500} />,
  );

describe("DashboardView's remaining work", () => {
  it("asks for votes where the export waits for them", () => {
    const out = html(false);
    expect(out).toContain("Pairs needing votes");
    expect(out).not.toContain("optional review");
  });

  it("calls votes an optional review in an implicit project, whose pairs are exported without them", () => {
    const out = html(true);
    expect(out).toContain("Pairs not reviewed");
    expect(out).toContain("Votes for a full review");
    expect(out).toContain("Votes are an optional");
    expect(out).not.toContain("Pairs needing votes");
  });
});

describe("DashboardView's hint at judging", () => {
  it("says how many pairs wait for the judge, with a link to the Judging page", () => {
    expect(html(false, 1_200)).toContain(
      '1,200 pairs have not been judged yet: start a judging run on the <a class="text-indigo-600 underline" href="/projects/p1/judging">Judging page</a>.',
    );
    expect(html(false, 1)).toContain("1 pair has not been judged yet");
  });

  it("says nothing of judging when no pair waits for the judge", () => {
    expect(html(false)).not.toContain("judging");
  });
});
