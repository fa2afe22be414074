import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportBytes, exportProject } from "@/lib/export/test-helpers";
import { createTestPair, createTestProject } from "@/lib/testing/factories";
import { getPair } from "./get-pair";

it("shows an admin the system message a pair's answers were made under, as annotators and exports see it", async () => {
  const project = await createTestProject();
  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "CHANGED-LATER" } });
  const generated = await createTestPair(project.id);
  await db.candidate.updateMany({
    where: { id: { in: [generated.candidateAId, generated.candidateBId] } },
    data: { systemPrompt: "AT-GENERATION" },
  });
  const own = await createTestPair(project.id);
  await db.prompt.update({ where: { id: own.promptId }, data: { system: "The prompt's own." } });
  const imported = await createTestPair(project.id);

  expect((await getPair(project.id, generated.id)).system).toBe("AT-GENERATION");
  expect((await getPair(project.id, own.id)).system).toBe("The prompt's own.");
  // Imported answers never saw the project's setting.
  expect((await getPair(project.id, imported.id)).system).toBeNull();
});

it("gives a pair whose answers were made under two system prompts one system message everywhere", async () => {
  const { project, pair } = await exportProject("IMPLICIT");
  // The setting changed between the two answers; the label picks B.
  const made = await pair({ implicitLabel: "B" });
  await db.candidate.update({ where: { id: made.candidateAId }, data: { systemPrompt: "SYS-OLD" } });
  await db.candidate.update({ where: { id: made.candidateBId }, data: { systemPrompt: "SYS-NEW" } });
  const rows = (await exportBytes(project.id, { format: "orca" }))
    .toString("utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { system: string });
  expect(rows.map((r) => r.system)).toEqual([(await getPair(project.id, made.id)).system]);
  expect(rows[0]!.system).toBe("SYS-OLD");
});
