import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { db } from "@/lib/db";
import type { EvaluationMode, PairLabel, JudgeStatus, Prisma } from "@/lib/generated/prisma/client";
import { exportStream } from "./engine";
import { exportOptionsSchema, type ExportOptionsInput } from "./options";

// Seeding and reading back for the export tests: pairs with votes, adjudications, judge
// verdicts and implicit labels, and files read by DuckDB, an independent reader.

type Choice = "A" | "B" | "TIE" | "BOTH_BAD";

export interface PairSpec {
  prompt?: string;
  /** Reuse another pair's prompt (several pairs of one prompt). */
  promptId?: string;
  system?: string;
  /** Model answers made with this system message (A and B generated, not imported). */
  generatedWith?: string;
  a?: string;
  b?: string;
  /** Answer A (or B) written by this user on the Write tab (source HUMAN, no model). */
  aAuthor?: string;
  bAuthor?: string;
  /** `excluded`: left out by the trust rule (Vote.excluded). */
  votes?: { choice: Choice; flags?: string[]; editedText?: string; at?: Date; excluded?: boolean }[];
  skipFlags?: string[];
  adjudication?: Choice;
  judge?: { status: JudgeStatus; label?: PairLabel };
  implicitLabel?: PairLabel;
  sourceLabel?: PairLabel;
  /** A gold pair's known answer. */
  gold?: PairLabel;
  createdAt?: Date;
}

let clock = Date.UTC(2026, 0, 1);
const tick = () => new Date((clock += 1000));

export async function exportProject(evaluationMode: EvaluationMode, systemPrompt: string | null = null) {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "export", generationMode: "IMPORTED", evaluationMode, systemPrompt, createdById: admin.id },
  });
  const users: string[] = [];
  for (let i = 0; i < 5; i++) {
    users.push((await db.user.create({ data: { email: `ann-${i}-${randomUUID()}@x.test`, passwordHash: "x" } })).id);
  }

  async function pair(spec: PairSpec = {}) {
    const createdAt = spec.createdAt ?? tick();
    const promptId =
      spec.promptId ??
      (
        await db.prompt.create({
          data: {
            projectId: project.id,
            text: spec.prompt ?? `prompt ${randomUUID()}`,
            system: spec.system,
            promptKey: randomUUID(),
            createdAt,
          },
        })
      ).id;
    const [a, b] = await Promise.all(
      [spec.a ?? `answer A ${randomUUID()}`, spec.b ?? `answer B ${randomUUID()}`].map((text, i) =>
        db.candidate.create({
          data: [spec.aAuthor, spec.bAuthor][i]
            ? {
                projectId: project.id,
                promptId,
                source: "HUMAN",
                text,
                authorId: [spec.aAuthor, spec.bAuthor][i],
                timeTakenMs: 1000,
              }
            : {
                projectId: project.id,
                promptId,
                source: spec.generatedWith ? "GENERATED" : "IMPORTED",
                text,
                sampleIndex: i,
                model: `model-${i ? "b" : "a"}`,
                systemPrompt: spec.generatedWith,
              },
        }),
      ),
    );
    const p = await db.pair.create({
      data: {
        projectId: project.id,
        promptId,
        candidateAId: a!.id,
        candidateBId: b!.id,
        createdAt,
        implicitLabel: spec.implicitLabel,
        sourceLabel: spec.sourceLabel,
        goldLabel: spec.gold,
        judgeStatus: spec.judge?.status,
        judgeLabel: spec.judge?.label,
        voteCount: spec.votes?.length ?? 0,
      },
    });
    for (const [i, v] of (spec.votes ?? []).entries()) {
      const asg = await db.assignment.create({
        data: {
          projectId: project.id,
          pairId: p.id,
          userId: users[i]!,
          status: "VOTED",
          leftIsA: true,
          leasedUntil: new Date(),
        },
      });
      await db.vote.create({
        data: {
          id: randomUUID(),
          assignmentId: asg.id,
          projectId: project.id,
          pairId: p.id,
          userId: users[i]!,
          choice: v.choice,
          leftIsA: true,
          timeOnItemMs: 1000,
          flags: v.flags ?? [],
          editedText: v.editedText,
          excluded: v.excluded,
          createdAt: v.at ?? tick(),
        },
      });
    }
    if (spec.skipFlags) {
      await db.assignment.create({
        data: {
          projectId: project.id,
          pairId: p.id,
          userId: users[4]!,
          status: "SKIPPED",
          leftIsA: true,
          leasedUntil: new Date(),
          skipFlags: spec.skipFlags,
        },
      });
    }
    if (spec.adjudication) {
      await db.adjudication.create({
        data: { pairId: p.id, label: spec.adjudication, reason: "decided", userId: admin.id },
      });
    }
    return { ...p, promptText: spec.prompt, a: a!.text, b: b!.text };
  }
  return { project, pair };
}

/** The whole file, as exportStream gives it. */
export async function exportBytes(projectId: string, input: ExportOptionsInput): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of exportStream(projectId, exportOptionsSchema.parse(input))) parts.push(chunk);
  return Buffer.concat(parts);
}

const dir = mkdtempSync(path.join(tmpdir(), "pairwise-export-"));

/** Writes the file and reads it back with DuckDB: column names and rows (JSON-friendly values). */
export async function readBack(bytes: Buffer, type: "jsonl" | "parquet", select = "*") {
  const file = path.join(dir, `${randomUUID()}.${type}`);
  writeFileSync(file, bytes);
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const source = type === "jsonl" ? `read_json('${file}', format='newline_delimited')` : `read_parquet('${file}')`;
    const reader = await conn.runAndReadAll(`SELECT ${select} FROM ${source}`);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** A snapshot's row alone (a trl JSONL file of every split), as an export records it: RUNNING unless `data` says. */
export function seedSnapshotRow(
  projectId: string,
  createdById: string,
  data: Partial<Pick<Prisma.ExportSnapshotUncheckedCreateInput, "status" | "createdAt" | "completedAt">> = {},
) {
  return db.exportSnapshot.create({
    data: { projectId, createdById, format: "trl", fileType: "jsonl", split: "all", options: {}, ...data },
  });
}
