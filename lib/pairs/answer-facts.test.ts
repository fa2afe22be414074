import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { jsonl } from "@/lib/imports/test-helpers";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { importPairs } from "./import-pairs";
import { codePoints, trimmed } from "./insert-pairs";

// Each pair keeps its answers' lengths and endpoint roles (migration pair_answer_facts), which the
// metrics read instead of the candidates, and whether they are the same text once trimmed
// (migration pair_majority_identical), which the export reads: on every path that makes pairs
// they must equal what PostgreSQL finds in the candidates.

/** Pairs of the project whose copies differ from their candidates'. */
async function mismatched(projectId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Pair" p
    JOIN "Candidate" a ON a."id" = p."candidateAId" JOIN "Candidate" b ON b."id" = p."candidateBId"
    WHERE p."projectId" = ${projectId}
      AND (p."charsA" IS DISTINCT FROM char_length(a."text") OR p."charsB" IS DISTINCT FROM char_length(b."text")
        OR p."roleA" IS DISTINCT FROM a."role" OR p."roleB" IS DISTINCT FROM b."role"
        OR p."identical" IS DISTINCT FROM (btrim(a."text", E' \t\n\r\f\v') = btrim(b."text", E' \t\n\r\f\v')))`;
  return row!.n;
}

const tricky = ["plain", "émoji 🍞🥖 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "tabs\tand\nlines\r\n", "combining e\u0301", "👩‍👩‍👧 family"];

describe("a pair's copies of its answers' lengths and roles", () => {
  it("counts characters as PostgreSQL does", async () => {
    const [row] = await db.$queryRaw<{ lengths: number[] }[]>`
      SELECT array_agg(char_length(t) ORDER BY i) AS lengths FROM unnest(${tricky}::text[]) WITH ORDINALITY AS x(t, i)`;
    expect(tricky.map(codePoints)).toEqual(row!.lengths);
  });

  it("trims as PostgreSQL's btrim does for the identical check", async () => {
    const texts = [
      ...tricky,
      " \t\n\r\f\vboth ends\v\f\r\n\t ",
      "\u00a0no-break space\u00a0",
      "\u2003em\u3000",
      "   ",
      "",
    ];
    const [row] = await db.$queryRaw<{ trimmed: string[] }[]>`
      SELECT array_agg(btrim(t, E' \t\n\r\f\v') ORDER BY i) AS trimmed FROM unnest(${texts}::text[]) WITH ORDINALITY AS x(t, i)`;
    expect(texts.map(trimmed)).toEqual(row!.trimmed);
  });

  it("are given by pair imports and filled by the database for pairs made otherwise", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const imported = await createTestProject({ createdById: admin.id, generationMode: "IMPORTED" });
    await importPairs({
      projectId: imported.id,
      userId: admin.id,
      input: jsonl(...tricky.map((t, i) => ({ prompt: `q${i}`, chosen: `${t} chosen`, rejected: t.repeat(i + 1) }))),
      fileName: "pairs.jsonl",
    });
    expect(await db.pair.count({ where: { projectId: imported.id, charsA: { not: null } } })).toBe(tricky.length);
    expect(await mismatched(imported.id)).toBe(0);

    // A pair made through Prisma (as pairing, written answers and document triples make them).
    const { project } = await exportProject("HUMAN");
    const prompt = await db.prompt.create({ data: { projectId: project.id, text: "p", promptKey: "p" } });
    const [strong, weak] = await Promise.all(
      (["STRONG", "WEAK"] as const).map((role, i) =>
        db.candidate.create({
          data: {
            projectId: project.id,
            promptId: prompt.id,
            source: "GENERATED",
            role,
            text: tricky[i + 1]!,
            sampleIndex: 0,
          },
        }),
      ),
    );
    const made = await db.pair.create({
      data: { projectId: project.id, promptId: prompt.id, candidateAId: weak!.id, candidateBId: strong!.id },
    });
    expect(made).toMatchObject({
      charsA: codePoints(tricky[2]!),
      charsB: codePoints(tricky[1]!),
      roleA: "WEAK",
      roleB: "STRONG",
    });
    expect(await mismatched(project.id)).toBe(0);
  });
});
