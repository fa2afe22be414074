import { describe, expect, it } from "vitest";
import { columnsFor } from "./engine";
import { EXPORT_FORMATS } from "./options";
import { exportBytes, exportProject, readBack } from "./test-helpers";

// Files read back by DuckDB, not by our own code: what a training script would see.

const NASTY = 'Ünïcödé 日本語 🎉👩‍👩‍👧 "quoted" \\back\\slash\\ tab\there\r\nCRLF line\nLF line \u0001 end';

async function project() {
  // The project's system prompt as it is now: rows carry the one their answers were made with.
  const { project, pair } = await exportProject("HUMAN", "Be brief.");
  await pair({
    prompt: NASTY,
    a: `chosen ${NASTY}`,
    b: "rejected plain",
    generatedWith: "Be helpful.",
    votes: [{ choice: "A" }],
  });
  await pair({ prompt: "with own system", system: "Answer in French.", votes: [{ choice: "B" }] });
  await pair({ prompt: "third", votes: [{ choice: "A" }, { choice: "A" }] });
  await pair({ prompt: "unlabelled" });
  return project;
}

describe("exported files, read back by DuckDB", () => {
  it.each(
    EXPORT_FORMATS.flatMap((f) =>
      (["jsonl", "parquet"] as const).flatMap((t) => [false, true].map((m) => [f, t, m] as const)),
    ),
  )("%s as %s (metadata %s): exact rows and columns", async (format, type, metadata) => {
    const p = await project();
    const bytes = await exportBytes(p.id, { format, type, metadata });
    if (type === "jsonl") {
      const lines = bytes.toString("utf8").split("\n");
      expect(lines.pop()).toBe("");
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
    const { columns, rows } = await readBack(bytes, type);
    expect(columns).toEqual(columnsFor({ format, metadata }));
    expect(rows).toHaveLength(3);
  });

  it.each(["jsonl", "parquet"] as const)(
    "keeps Unicode, emoji, newlines, quotes, backslashes and control characters byte for byte (%s)",
    async (type) => {
      const p = await project();
      const { rows } = await readBack(
        await exportBytes(p.id, { format: "orca", type }),
        type,
        "question, chosen, system",
      );
      const row = rows.find((r) => r.chosen === `chosen ${NASTY}`);
      expect(row).toBeDefined();
      expect(Buffer.from(String(row!.question), "utf8").equals(Buffer.from(NASTY, "utf8"))).toBe(true);
      expect(row!.system).toBe("Be helpful.");
      expect(rows.find((r) => r.question === "with own system")!.system).toBe("Answer in French.");
      // Imported answers were made with no system prompt of this project's.
      expect(rows.find((r) => r.question === "third")!.system).toBe("");
    },
  );

  it.each(["jsonl", "parquet"] as const)(
    "conversational: system first when there is one, one assistant message each (%s)",
    async (type) => {
      const p = await project();
      const { rows } = await readBack(
        await exportBytes(p.id, { format: "trl_conversational", type }),
        type,
        "to_json(prompt)::VARCHAR AS prompt, to_json(chosen)::VARCHAR AS chosen",
      );
      const byUser = new Map(rows.map((r) => [JSON.parse(String(r.prompt)).at(-1).content, r]));
      expect(JSON.parse(String(byUser.get("with own system")!.prompt))).toEqual([
        { role: "system", content: "Answer in French." },
        { role: "user", content: "with own system" },
      ]);
      expect(JSON.parse(String(byUser.get("third")!.prompt))).toEqual([{ role: "user", content: "third" }]);
      const nasty = byUser.get(NASTY)!;
      expect(JSON.parse(String(nasty.prompt))[0]).toEqual({ role: "system", content: "Be helpful." });
      expect(JSON.parse(String(nasty.chosen))).toEqual([{ role: "assistant", content: `chosen ${NASTY}` }]);
    },
  );

  it("parquet metadata columns are typed", async () => {
    const p = await project();
    const { rows } = await readBack(
      await exportBytes(p.id, { format: "trl", type: "parquet", metadata: true }),
      "parquet",
      "typeof(votes) AS v, typeof(agreement) AS a, typeof(chosen_edited) AS e, typeof(created_at) AS c, typeof(judge_verdicts) AS j",
    );
    expect(rows[0]).toEqual({ v: "INTEGER", a: "DOUBLE", e: "BOOLEAN", c: "TIMESTAMP", j: "JSON" });
  });
});
