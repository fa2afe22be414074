// Seeding shared by the benches: a project's prompts, candidates and pairs written by
// INSERT … SELECT over generate_series, so a million pairs take seconds rather than minutes.
import { db } from "@/lib/db";

export interface SeedPairsOptions {
  /**
   * Candidates as a strong-vs-weak project generates them (A strong, B weak), with lengths that
   * vary from pair to pair so length figures have something to measure; imported otherwise.
   */
  strongWeak?: boolean;
  /** Extra Pair columns as SQL expressions of the pair number `g` (e.g. `{ voteCount: "3" }`). */
  pairColumns?: Record<string, string>;
}

/** `pairs` pairs (prompt, two candidates, pair) whose ids start with `prefix`: `${prefix}pair${g}`. */
export async function seedPairs(projectId: string, prefix = "b", pairs = 1_000_000, options: SeedPairsOptions = {}) {
  // Distinct creation times, as imports spread over time would give.
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Prompt" ("id", "projectId", "text", "promptKey", "createdAt")
    SELECT '${prefix}p' || g, $1, 'Bench prompt ' || g, '${prefix}k' || g, now() - g * interval '1 millisecond' FROM generate_series(1, ${pairs}) g`,
    projectId,
  );
  // Each side's source, role and text as SQL over g: the candidates are written from them, and the
  // pairs' copies of the answers' lengths, roles and sameness (which a trigger would otherwise
  // look up, both candidates of each pair, a third of the whole seeding) from the same expressions.
  const sides = (["a", "b"] as const).map((side) =>
    options.strongWeak
      ? {
          side,
          source: "GENERATED",
          role: side === "a" ? "'STRONG'" : "'WEAK'",
          text: `'Answer ${side} ' || repeat('.', (g * ${side === "a" ? 7 : 13}) % ${side === "a" ? 400 : 250})`,
        }
      : { side, source: "IMPORTED", role: "NULL", text: `'Answer ${side} to prompt ' || g` },
  );
  for (const { side, source, role, text } of sides) {
    await db.$executeRawUnsafe(
      `
      INSERT INTO "Candidate" ("id", "projectId", "promptId", "source", "role", "text", "sampleIndex")
      SELECT '${prefix}c${side}' || g, $1, '${prefix}p' || g, '${source}', ${role}::"EndpointRole", ${text}, ${side === "a" ? 0 : 1}
      FROM generate_series(1, ${pairs}) g`,
      projectId,
    );
  }
  const facts: [string, string][] = [
    ...sides.flatMap(({ side, role, text }): [string, string][] => [
      [`chars${side.toUpperCase()}`, `char_length(${text})`],
      [`role${side.toUpperCase()}`, `${role}::"EndpointRole"`],
    ]),
    // The two answers differ from their first words ("Answer a", "Answer b").
    ["identical", "false"],
  ];
  const extra = [...facts, ...Object.entries(options.pairColumns ?? {})];
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Pair" ("id", "projectId", "promptId", "candidateAId", "candidateBId", "createdAt"${extra.map(([c]) => `, "${c}"`).join("")})
    SELECT '${prefix}pair' || g, $1, '${prefix}p' || g, '${prefix}ca' || g, '${prefix}cb' || g, now() - g * interval '1 millisecond'${extra.map(([, e]) => `, ${e}`).join("")}
    FROM generate_series(1, ${pairs}) g`,
    projectId,
  );
  await db.$executeRawUnsafe(`ANALYZE "Pair"; ANALYZE "Assignment"`);
}
