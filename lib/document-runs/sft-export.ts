import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";

/**
 * The download of an instruction run's kept items as SFT JSONL. The split is the export's: by
 * instruction (the prompt an SFT row teaches), from the first 52 bits of md5(seed:instruction), so
 * the same seed gives the same split and an instruction never lands in both files.
 */
export const sftDownloadSchema = z
  .object({
    split: z.enum(["all", "train", "test"], { error: "split is all, train or test" }).default("all"),
    testFraction: z.coerce
      .number({ error: "testFraction must be a number" })
      .min(0, "testFraction is at least 0")
      .max(1, "testFraction is at most 1")
      .optional(),
    seed: z.string().max(200, "seed must be at most 200 characters").default("pairwise"),
  })
  .refine((o) => o.split === "all" || o.testFraction !== undefined, {
    path: ["split"],
    error: "split=train or split=test needs testFraction",
  });
export type SftDownloadInput = z.input<typeof sftDownloadSchema>;

/** Rows read per query while streaming: memory stays flat whatever the run's size. */
const PAGE = 1000;

interface SftRow {
  id: string;
  instruction: string;
  answer: string;
  split: "train" | "test";
}

/** Starts the file: the run is checked before the response starts, then the lines stream. */
export async function sftDownload(projectId: string, runId: string, input: SftDownloadInput) {
  const o = sftDownloadSchema.parse(input);
  const run = await db.run.findFirst({ where: { id: runId, projectId }, include: { project: true } });
  if (!run) throw new NotFoundError("Run");
  if (run.kind !== "DOC_INSTRUCTIONS")
    throw new ConflictError("not_instructions", "Only an instruction run has instruction data to download");
  const fraction = o.testFraction ?? 0;
  const page = (after: string) => db.$queryRaw<SftRow[]>`
    SELECT i."id", i."instruction", i."answer",
      CASE WHEN (('x' || substr(md5(${o.seed}::text || ':' || i."instruction"), 1, 13))::bit(52)::bigint
        / 4503599627370496.0) < ${fraction}::float8 THEN 'test' ELSE 'train' END AS split
    FROM "DocItem" i
    WHERE i."runId" = ${runId} AND i."status" = 'KEPT' AND i."answer" IS NOT NULL AND i."id" > ${after}
    ORDER BY i."id" LIMIT ${PAGE}`;
  let after = "";
  let done = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      const rows = await page(after);
      if (rows.length < PAGE) done = true;
      if (rows.length) after = rows[rows.length - 1]!.id;
      const lines = rows
        .filter((r) => o.split === "all" || r.split === o.split)
        .map((r) => JSON.stringify({ instruction: r.instruction, output: r.answer }) + "\n")
        .join("");
      if (lines) controller.enqueue(encoder.encode(lines));
      else if (done) controller.close();
    },
  });
  return { body, projectName: run.project.name, split: o.split };
}
