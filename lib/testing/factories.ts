import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/users/password";
import type { RoleName } from "@/lib/users/schemas";

/** A user in the test's own database, with a known password. */
export async function createTestUser(
  overrides: { email?: string; name?: string; role?: RoleName; active?: boolean; password?: string } = {},
) {
  const password = overrides.password ?? `pw-${randomBytes(6).toString("hex")}`;
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `user-${randomBytes(5).toString("hex")}@example.test`,
      name: overrides.name,
      role: overrides.role ?? "ANNOTATOR",
      active: overrides.active ?? true,
      passwordHash: await hashPassword(password),
    },
  });
  return { ...user, password };
}

type TestProjectOverrides = Partial<
  Pick<
    Prisma.ProjectUncheckedCreateInput,
    "name" | "generationMode" | "evaluationMode" | "samplesPerPrompt" | "maxPairsPerPrompt" | "archivedAt"
  >
> & { createdById?: string; members?: string[] };

/** A project (created by a fresh admin unless given) with the listed user ids as members. */
export async function createTestProject(overrides: TestProjectOverrides = {}) {
  const { members = [], createdById, ...fields } = overrides;
  return db.project.create({
    data: {
      name: `Project ${randomBytes(3).toString("hex")}`,
      generationMode: "STRONG_WEAK",
      evaluationMode: "HUMAN",
      ...fields,
      createdById: createdById ?? (await createTestUser({ role: "ADMIN" })).id,
      members: { create: members.map((userId) => ({ userId })) },
    },
  });
}

/** A model endpoint without a key (projects only refer to it). */
export async function createTestEndpoint(overrides: { name?: string; archived?: boolean } = {}) {
  return db.modelEndpoint.create({
    data: {
      name: overrides.name ?? `endpoint-${randomBytes(4).toString("hex")}`,
      provider: "OPENAI_COMPATIBLE",
      baseUrl: "http://127.0.0.1:9/v1",
      modelId: "test-model",
      archivedAt: overrides.archived ? new Date() : null,
    },
    select: { id: true, name: true, modelId: true },
  });
}

/**
 * A pair of two imported answers to a new prompt of the project: `answers` are A's and B's texts,
 * `voteCount` the votes the pair is said to have (the caller adds them).
 */
export async function createTestPair(
  projectId: string,
  prompt = `Prompt ${randomBytes(3).toString("hex")}`,
  {
    answers = [`${prompt}: answer 0`, `${prompt}: answer 1`],
    voteCount,
  }: { answers?: [string, string]; voteCount?: number } = {},
) {
  const { id: promptId } = await db.prompt.create({
    data: { projectId, text: prompt, promptKey: randomBytes(8).toString("hex") },
  });
  const [a, b] = await Promise.all(
    answers.map((text, s) =>
      db.candidate.create({ data: { projectId, promptId, source: "IMPORTED", sampleIndex: s, text } }),
    ),
  );
  return db.pair.create({ data: { projectId, promptId, candidateAId: a!.id, candidateBId: b!.id, voteCount } });
}
