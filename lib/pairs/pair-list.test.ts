import { describe, expect, it } from "vitest";
import { seedPairs } from "@/bench/seed-pairs";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { filtersToParams, pairListQuerySchema } from "./list-schemas";
import { listPairs, listPairsShown, pairNeighbours } from "./pair-list";

/** The list as the route reads it: URL parameters through the shared schema. */
const list = (projectId: string, params: Record<string, string> = {}) =>
  listPairs(projectId, pairListQuerySchema.parse(params));
const ids = (page: { pairs: { id: string }[] }) => page.pairs.map((p) => p.id);

describe("the pair list", () => {
  it("refuses a cursor past the year 9999, which the database client cannot send", () => {
    for (const cursor of ["999999999999999.x", "253402300800000.abc"]) {
      for (const key of ["after", "before"]) {
        const parsed = pairListQuerySchema.safeParse({ [key]: cursor });
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.message).toBe("cursor is not one this list gave out");
      }
    }
    expect(pairListQuerySchema.parse({ after: "253402300799999.abc" }).after?.createdAt.getUTCFullYear()).toBe(9999);
  });

  it("pages newest first by cursor, skipping and repeating nothing while new pairs arrive, and pages back", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const at = new Date(Date.UTC(2026, 5, 1));
    const made = [];
    // Two pairs share a creation time: the id orders them.
    for (let i = 0; i < 7; i++) made.push(await pair({ createdAt: new Date(at.getTime() + Math.min(i, 5) * 60_000) }));
    const expected = [...made]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((p) => p.id);

    const first = await list(project.id, { limit: "3" });
    expect(first.total).toEqual({ n: 7, capped: false });
    expect(first.prevCursor).toBeNull();
    const seen = [...ids(first)];
    let cursor = first.nextCursor;
    const pages = [first];
    while (cursor) {
      // Newer pairs arrive between pages: they belong before the first page, not in the middle.
      await pair({ createdAt: new Date(Date.UTC(2027, 0, 1) + seen.length) });
      const page = await list(project.id, { limit: "3", after: cursor });
      expect(page.total).toBeNull();
      pages.push(page);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected);
    expect(pages.map((p) => p.pairs.length)).toEqual([3, 3, 1]);

    // Back from the last page: the middle page again, then the first, then the pairs that arrived.
    const back = await list(project.id, { limit: "3", before: pages[2]!.prevCursor! });
    expect(ids(back)).toEqual(ids(pages[1]!));
    const back2 = await list(project.id, { limit: "3", before: back.prevCursor! });
    expect(ids(back2)).toEqual(ids(pages[0]!));
    const arrived = await list(project.id, { limit: "3", before: back2.prevCursor! });
    expect(arrived.pairs).toHaveLength(2);
    expect(arrived.prevCursor).toBeNull();
    expect(ids(await list(project.id, { limit: "3", after: arrived.nextCursor! }))).toEqual(ids(pages[0]!));
  });

  it("combines filters on outcome, disagreement, resolution, flags, edits, source and date", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));
    const split = await pair({ createdAt: day(1), votes: [{ choice: "A" }, { choice: "B" }] });
    const splitSettled = await pair({
      createdAt: day(2),
      votes: [{ choice: "A" }, { choice: "B" }],
      adjudication: "B",
    });
    const agreedA = await pair({ createdAt: day(3), votes: [{ choice: "A" }, { choice: "A" }] });
    const flagged = await pair({ createdAt: day(4), votes: [{ choice: "B", flags: ["harmful"] }] });
    const skippedFlag = await pair({ createdAt: day(5), skipFlags: ["broken"] });
    const edited = await pair({
      createdAt: day(6),
      votes: [{ choice: "A", editedText: "A, improved." }, { choice: "TIE" }],
    });
    const unlabelled = await pair({ createdAt: day(7) });
    const tie = await pair({ createdAt: day(8), votes: [{ choice: "TIE" }] });
    await db.candidate.updateMany({
      where: { id: { in: [unlabelled.candidateAId, unlabelled.candidateBId] } },
      data: { source: "GENERATED" },
    });

    expect(ids(await list(project.id, { outcome: "A" }))).toEqual([agreedA.id]);
    expect(ids(await list(project.id, { outcome: "B" }))).toEqual([flagged.id, splitSettled.id]);
    // An even split nobody decided is a split, as the pair page names it, not a tie annotators chose.
    expect(ids(await list(project.id, { outcome: "TIE" }))).toEqual([tie.id]);
    expect(ids(await list(project.id, { outcome: "split" }))).toEqual([edited.id, split.id]);
    expect(ids(await list(project.id, { outcome: "none" }))).toEqual([unlabelled.id, skippedFlag.id]);
    expect(ids(await list(project.id, { disagreement: "1" }))).toEqual([edited.id, splitSettled.id, split.id]);
    expect(ids(await list(project.id, { disagreement: "1", unresolved: "1" }))).toEqual([edited.id, split.id]);
    expect(ids(await list(project.id, { disagreement: "1", outcome: "split", from: "2026-03-02" }))).toEqual([
      edited.id,
    ]);
    expect(ids(await list(project.id, { flagged: "1" }))).toEqual([skippedFlag.id, flagged.id]);
    expect(ids(await list(project.id, { edited: "1" }))).toEqual([edited.id]);
    // A gold pair's answer is known: annotators who missed it are measured, nothing is to settle.
    const gold = await pair({ createdAt: day(10), gold: "A", votes: [{ choice: "A" }, { choice: "B" }] });
    expect(ids(await list(project.id, { disagreement: "1" }))).toEqual([edited.id, splitSettled.id, split.id]);
    expect(ids(await list(project.id, { outcome: "split" }))).toEqual([edited.id, split.id]);
    expect((await list(project.id, { gold: "1" })).pairs).toMatchObject([{ id: gold.id, disagreement: false }]);
    await db.pair.delete({ where: { id: gold.id } });
    // A left-out annotator's flag and edit count for nothing, here as in the export.
    const leftOut = await pair({
      createdAt: day(9),
      votes: [{ choice: "A", flags: ["harmful"], editedText: "Better.", excluded: true }],
    });
    expect(ids(await list(project.id, { flagged: "1" }))).not.toContain(leftOut.id);
    expect(ids(await list(project.id, { edited: "1" }))).toEqual([edited.id]);
    expect((await list(project.id, {})).pairs.find((r) => r.id === leftOut.id)).toMatchObject({
      flagged: 0,
      edited: 0,
    });
    expect(ids(await list(project.id, { source: "GENERATED" }))).toEqual([unlabelled.id]);
    expect(ids(await list(project.id, { source: "IMPORTED", from: "2026-03-03", to: "2026-03-04" }))).toEqual([
      flagged.id,
      agreedA.id,
    ]);

    // The columns: votes, outcome, judge, flags, edits, skips.
    const [row] = (await list(project.id, { edited: "1" })).pairs;
    expect(row).toMatchObject({
      outcome: { label: "TIE", source: "votes", votes: 2 },
      disagreement: true,
      edited: 1,
      flagged: 0,
      skips: 0,
    });
    const [skipped] = (await list(project.id, { flagged: "1", outcome: "none" })).pairs;
    expect(skipped).toMatchObject({ id: skippedFlag.id, flagged: 1, skips: 1 });
    // Filtered lists do not count the project's pairs.
    expect((await list(project.id, { flagged: "1" })).total).toBeNull();
  });

  it("filters on the judge's verdict, on its disagreeing with the people, and on why it sent a pair to annotators", async () => {
    const { project, pair } = await exportProject("HYBRID");
    const day = (d: number) => new Date(Date.UTC(2026, 4, d));
    const agreedAlone = await pair({ createdAt: day(1), judge: { status: "AGREED", label: "A" } });
    const confirmed = await pair({
      createdAt: day(2),
      judge: { status: "AGREED", label: "B" },
      votes: [{ choice: "B" }],
    });
    const overruled = await pair({
      createdAt: day(3),
      judge: { status: "AGREED", label: "A" },
      votes: [{ choice: "B" }],
    });
    // An admin's adjudication is the people's outcome too; an even split decides nothing.
    const adjudicated = await pair({ createdAt: day(4), judge: { status: "AGREED", label: "B" }, adjudication: "TIE" });
    const split = await pair({
      createdAt: day(5),
      judge: { status: "AGREED", label: "A" },
      votes: [{ choice: "A" }, { choice: "B" }],
    });
    const uncertain = await pair({ createdAt: day(6), judge: { status: "UNCERTAIN" } });
    const failed = await pair({ createdAt: day(7), judge: { status: "FAILED" } });
    const waiting = await pair({ createdAt: day(8) });
    const reasons = [
      [agreedAlone.id, "AUDIT"],
      [overruled.id, "LOW_CONFIDENCE"],
      [uncertain.id, "UNCERTAIN"],
      [failed.id, "JUDGE_FAILED"],
    ] as const;
    for (const [id, reviewReason] of reasons) await db.pair.update({ where: { id }, data: { reviewReason } });

    expect(ids(await list(project.id, { judge: "agreed" }))).toEqual([
      split.id,
      adjudicated.id,
      overruled.id,
      confirmed.id,
      agreedAlone.id,
    ]);
    expect(ids(await list(project.id, { judge: "uncertain" }))).toEqual([uncertain.id]);
    expect(ids(await list(project.id, { judge: "failed" }))).toEqual([failed.id]);
    expect(ids(await list(project.id, { judge: "none" }))).toEqual([waiting.id]);
    expect(ids(await list(project.id, { judge: "disagrees" }))).toEqual([adjudicated.id, overruled.id]);
    expect(ids(await list(project.id, { judge: "disagrees", outcome: "B" }))).toEqual([overruled.id]);
    expect(ids(await list(project.id, { review: "audit" }))).toEqual([agreedAlone.id]);
    expect(ids(await list(project.id, { review: "low_confidence", judge: "disagrees" }))).toEqual([overruled.id]);
    expect(ids(await list(project.id, { review: "uncertain" }))).toEqual([uncertain.id]);
    expect(ids(await list(project.id, { review: "judge_failed" }))).toEqual([failed.id]);
    // Kept in the list's URL (and so in the pair page's previous/next), refused when misspelt.
    const query = pairListQuerySchema.parse({ judge: "disagrees", review: "low_confidence" });
    expect(filtersToParams(query).toString()).toBe("judge=disagrees&review=low_confidence");
    expect(pairListQuerySchema.safeParse({ judge: "AGREED" }).success).toBe(false);
    expect(pairListQuerySchema.safeParse({ review: "audited" }).success).toBe(false);
    // The judge's disagreeing is found page by page, as an outcome is.
    const first = await list(project.id, { judge: "disagrees", limit: "1" });
    expect(ids(first)).toEqual([adjudicated.id]);
    expect(ids(await list(project.id, { judge: "disagrees", limit: "1", after: first.nextCursor! }))).toEqual([
      overruled.id,
    ]);
  });

  it("finds a word in a prompt or in an answer, as a web search, and nothing else", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const inPrompt = await pair({ prompt: "How do herons catch fish?" });
    const inAnswer = await pair({ prompt: "Name a wading bird.", b: "The grey heron stands still for minutes." });
    await pair({ prompt: "What is a kingfisher?", a: "A small bright bird." });
    const other = await exportProject("HUMAN");
    await other.pair({ prompt: "Herons elsewhere", a: "heron" });

    expect(ids(await list(project.id, { q: "herons" }))).toEqual([inPrompt.id]);
    expect(ids(await list(project.id, { q: "heron" }))).toEqual([inAnswer.id]);
    expect(ids(await list(project.id, { q: "heron OR herons" }))).toEqual([inAnswer.id, inPrompt.id]);
    expect(ids(await list(project.id, { q: '"grey heron"' }))).toEqual([inAnswer.id]);
    expect(ids(await list(project.id, { q: "heron -grey" }))).toEqual([]);
    // Nothing to look for: every text would be read; refused, naming the search.
    for (const q of ["-grey", "-grey -heron", "heron OR -grey"]) {
      await expect(list(project.id, { q })).rejects.toThrow(`The search ${JSON.stringify(q)} only excludes words`);
    }
    // A page shows it as its error, with the list the other filters give.
    const shown = await listPairsShown(project.id, pairListQuerySchema.parse({ q: "-grey" }), null);
    expect(shown.error).toBe('The search "-grey" only excludes words: add a word to look for');
    expect(shown.page.pairs).toHaveLength(3);
    expect(ids(await list(project.id, { q: "bird", outcome: "none" }))).toHaveLength(2);
  });

  it("finds words in code and markup, which PostgreSQL's parser alone left out", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const html = await pair({ prompt: "Is this safe?", a: "No: <script>alert('xss')</script> runs." });
    const generic = await pair({ prompt: "Type it", b: "Use List<String> when a<b and c>d." });
    expect(ids(await list(project.id, { q: "xss" }))).toEqual([html.id]);
    expect(ids(await list(project.id, { q: "String" }))).toEqual([generic.id]);
    expect(ids(await list(project.id, { q: '"b and c"' }))).toEqual([generic.id]);
    expect(ids(await list(project.id, { q: "<script>" }))).toEqual([html.id]);
  });

  // Seeds 12,000 pairs and scans 10,000 of them: minutes on a loaded machine, not the default 20 s.
  it(
    "walks the list for a word in most answers and gives the same page as the index would",
    { timeout: 180_000 },
    async () => {
      const { project } = await exportProject("HUMAN");
      // 12,000 pairs: "answer" is in 24,000 answers, past the count where the search walks the list.
      await seedPairs(project.id, `t${project.id}`, 12_000);
      const newest = await list(project.id, { limit: "5" });
      expect(ids(await list(project.id, { q: "answer", limit: "5" }))).toEqual(ids(newest));
      const page2 = await list(project.id, { q: "answer", limit: "5", after: newest.nextCursor! });
      expect(ids(page2)).toEqual(ids(await list(project.id, { limit: "5", after: newest.nextCursor! })));
      expect(ids(await list(project.id, { q: "prompt 11999" }))).toEqual([`t${project.id}pair11999`]);
      expect(newest.total).toEqual({ n: 10_000, capped: true });

      // No pair has votes: an outcome filter scans its budget, says so, and its cursor goes on.
      const scan = await list(project.id, { outcome: "A" });
      expect(scan).toMatchObject({ pairs: [], scanLimited: true });
      const rest = await list(project.id, { outcome: "A", after: scan.nextCursor! });
      expect(rest).toMatchObject({ pairs: [], scanLimited: false, nextCursor: null });
    },
  );

  it("gives the previous and next pair in the list's order and filters", async () => {
    const { project, pair } = await exportProject("HUMAN");
    const one = await pair({ votes: [{ choice: "A" }, { choice: "B" }] });
    const two = await pair({ votes: [{ choice: "A" }] });
    const three = await pair({ votes: [{ choice: "B" }, { choice: "A" }] });
    const four = await pair();
    expect(await pairNeighbours(project.id, three.id, pairListQuerySchema.parse({}))).toEqual({
      previous: four.id,
      next: two.id,
    });
    expect(await pairNeighbours(project.id, three.id, pairListQuerySchema.parse({ disagreement: "1" }))).toEqual({
      previous: null,
      next: one.id,
    });
    expect(await pairNeighbours(project.id, one.id, pairListQuerySchema.parse({ disagreement: "1" }))).toEqual({
      previous: three.id,
      next: null,
    });
  });
});
