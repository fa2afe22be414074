import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestPair, createTestProject } from "@/lib/testing/factories";
import { getPair } from "./get-pair";

it("tells an admin who wrote a written answer and how long they took, and nothing of the kind for a model's", async () => {
  const project = await createTestProject();
  const pair = await createTestPair(project.id);
  const writer = await db.user.create({
    data: { email: `writer-${randomUUID()}@x.test`, name: "Wren Writer", passwordHash: "x" },
  });
  await db.candidate.update({
    where: { id: pair.candidateAId },
    data: { source: "HUMAN", authorId: writer.id, timeTakenMs: 252_000 },
  });

  const shown = await getPair(project.id, pair.id);
  expect(shown.candidateA).toMatchObject({
    source: "HUMAN",
    author: { name: "Wren Writer", email: writer.email },
    timeTakenMs: 252_000,
  });
  expect(shown.candidateB).toMatchObject({ author: null, timeTakenMs: null });
});
