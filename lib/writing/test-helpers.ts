import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A project taking written answers, with `prompts` prompts (oldest first). */
export async function writingProject(prompts: number, fields: Partial<Prisma.ProjectUncheckedCreateInput> = {}) {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: {
      name: "writing",
      generationMode: "IMPORTED",
      evaluationMode: "HUMAN",
      writersPerPrompt: 1,
      minAnswerChars: 5,
      humanPairing: "HUMAN",
      createdById: admin.id,
      ...fields,
    },
  });
  const created = [];
  for (let i = 0; i < prompts; i++) {
    created.push(
      await db.prompt.create({
        data: { projectId: project.id, text: `prompt ${i}`, promptKey: `k${i}-${project.id}` },
      }),
    );
  }
  return { project, prompts: created };
}

/** Members of the project, with no password (they are called through lib functions or stubbed sessions). */
export async function members(n: number, projectId: string) {
  const users = [];
  for (let i = 0; i < n; i++) {
    const u = await db.user.create({ data: { email: `w-${i}-${randomUUID()}@x.test`, passwordHash: "x" } });
    await db.projectMember.create({ data: { projectId, userId: u.id } });
    users.push(u);
  }
  return users;
}
