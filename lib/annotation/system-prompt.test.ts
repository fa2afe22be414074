import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestPair, createTestProject, createTestUser } from "@/lib/testing/factories";
import { nextItems } from "./queue";

/** A pair whose two answers were generated under `system`, to a prompt of the project. */
async function generatedPair(projectId: string, prompt: string, system: string) {
  const { id: promptId } = await db.prompt.create({ data: { projectId, text: prompt, promptKey: prompt } });
  const [a, b] = await Promise.all(
    (["STRONG", "WEAK"] as const).map((role) =>
      db.candidate.create({
        data: { projectId, promptId, source: "GENERATED", role, text: `${role} answer`, systemPrompt: system },
      }),
    ),
  );
  await db.pair.create({ data: { projectId, promptId, candidateAId: a!.id, candidateBId: b!.id } });
}

it("serves each pair with the system prompt its answers saw, not the project's setting as it is now", async () => {
  const annotator = await createTestUser();
  const project = await createTestProject({ members: [annotator.id] });
  await generatedPair(project.id, "generated", "SYSTEM-AT-GENERATION");
  await generatedPair(project.id, "own system", "SYSTEM-AT-GENERATION");
  await db.prompt.updateMany({
    where: { projectId: project.id, text: "own system" },
    data: { system: "Answer in French." },
  });
  await createTestPair(project.id, "imported");
  await db.project.update({ where: { id: project.id }, data: { systemPrompt: "SYSTEM-CHANGED-LATER" } });

  const items = await nextItems(project.id, annotator.id, 3, []);
  const systems = Object.fromEntries(items.map((i) => [i.prompt.text, i.prompt.system]));
  expect(systems).toEqual({
    generated: "SYSTEM-AT-GENERATION",
    "own system": "Answer in French.",
    // Imported answers never saw the project's system prompt.
    imported: null,
  });
});
