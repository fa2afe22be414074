import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, InvalidError } from "@/lib/errors";
import { getWriteProgress } from "./progress";
import { nextWriteTask } from "./queue";
import { holdWrite, skipWrite, submitAnswer } from "./submit";
import { members, writingProject } from "./test-helpers";

/** A writer answering until nothing is left for them; returns the prompts they answered. */
async function writeAll(projectId: string, userId: string): Promise<string[]> {
  const answered: string[] = [];
  for (;;) {
    const task = await nextWriteTask(projectId, userId);
    if (!task) return answered;
    await submitAnswer(projectId, userId, {
      assignmentId: task.assignmentId,
      text: `${userId} on ${task.prompt.text}`,
      timeTakenMs: 5,
    });
    answered.push(task.prompt.text);
  }
}

describe("the write queue", () => {
  it("gives every prompt exactly writersPerPrompt answers with 50 concurrent writers, never one prompt twice to a person", async () => {
    const { project, prompts } = await writingProject(30, { writersPerPrompt: 3 });
    const writers = await members(50, project.id);
    const answered = await Promise.all(writers.map((w) => writeAll(project.id, w.id)));

    for (const mine of answered) expect(new Set(mine).size).toBe(mine.length);
    expect(answered.flat()).toHaveLength(90);
    const counts = await db.prompt.findMany({
      where: { projectId: project.id },
      select: { writtenCount: true, _count: { select: { candidates: true } } },
    });
    expect(counts).toHaveLength(prompts.length);
    for (const c of counts) {
      expect(c.writtenCount).toBe(3);
      expect(c._count.candidates).toBe(3);
    }
    const authored = await db.candidate.findMany({
      where: { projectId: project.id },
      select: { source: true, authorId: true, timeTakenMs: true },
    });
    expect(authored.every((c) => c.source === "HUMAN" && c.authorId && c.timeTakenMs === 5)).toBe(true);
    // Every writer's last call found nothing; no open assignment is left behind.
    expect(await db.writeAssignment.count({ where: { projectId: project.id, status: "OPEN" } })).toBe(0);
  });

  it("gives a reloaded page its held prompt back, and hands a lapsed lease to the next writer", async () => {
    const { project } = await writingProject(1);
    const [a, b] = await members(2, project.id);
    const held = await nextWriteTask(project.id, a!.id);
    expect((await nextWriteTask(project.id, a!.id))?.assignmentId).toBe(held!.assignmentId);
    expect(await nextWriteTask(project.id, b!.id)).toBeNull(); // the only slot is held
    expect(await getWriteProgress(project.id, b!.id)).toMatchObject({ leftForYou: 1, heldByOthers: 1 });
    expect((await getWriteProgress(project.id, a!.id)).heldByOthers).toBe(0); // a's own hold

    await db.writeAssignment.update({
      where: { id: held!.assignmentId },
      data: { leasedUntil: new Date(Date.now() - 1000) },
    });
    const taken = await nextWriteTask(project.id, b!.id);
    expect(taken?.prompt.text).toBe("prompt 0");
    await expect(
      submitAnswer(project.id, a!.id, { assignmentId: held!.assignmentId, text: "too late now", timeTakenMs: 1 }),
    ).rejects.toMatchObject({ code: "lease_expired" });
    // A's lapsed assignment is given up, not renewed over B's.
    expect(await nextWriteTask(project.id, a!.id)).toBeNull();
    await submitAnswer(project.id, b!.id, { assignmentId: taken!.assignmentId, text: "in time", timeTakenMs: 1 });
    expect((await db.prompt.findFirstOrThrow({ where: { projectId: project.id } })).writtenCount).toBe(1);
  });

  it("accepts an answer on a lapsed lease nobody took", async () => {
    const { project } = await writingProject(1);
    const [a] = await members(1, project.id);
    const held = await nextWriteTask(project.id, a!.id);
    await db.writeAssignment.update({
      where: { id: held!.assignmentId },
      data: { leasedUntil: new Date(Date.now() - 1000) },
    });
    await submitAnswer(project.id, a!.id, { assignmentId: held!.assignmentId, text: "still mine", timeTakenMs: 1 });
    expect(await db.candidate.count({ where: { projectId: project.id, authorId: a!.id } })).toBe(1);
  });

  it("renews a writer's hold while they type, only on an open assignment of theirs whose slot is still free", async () => {
    const { project } = await writingProject(1);
    const [a, b] = await members(2, project.id);
    const held = await nextWriteTask(project.id, a!.id);
    const input = { assignmentId: held!.assignmentId };
    const soon = new Date(Date.now() + 30_000);
    await db.writeAssignment.update({ where: { id: held!.assignmentId }, data: { leasedUntil: soon } });

    const renewed = await holdWrite(project.id, a!.id, input);
    const stored = await db.writeAssignment.findUniqueOrThrow({ where: { id: held!.assignmentId } });
    expect(stored.leasedUntil.getTime()).toBeGreaterThan(soon.getTime() + 60_000);
    expect(renewed.leasedUntil).toBe(stored.leasedUntil.toISOString());
    expect(renewed.heldForMs).toBeGreaterThan(60_000);
    // Not B's to renew; B is still not served the held prompt.
    await expect(holdWrite(project.id, b!.id, input)).rejects.toMatchObject({ code: "not_held" });
    expect(await nextWriteTask(project.id, b!.id)).toBeNull();

    // Lapsed and nobody took it: still renewed.
    await db.writeAssignment.update({
      where: { id: held!.assignmentId },
      data: { leasedUntil: new Date(Date.now() - 1000) },
    });
    await holdWrite(project.id, a!.id, input);
    // Lapsed and taken by B meanwhile: not renewed over B.
    await db.writeAssignment.update({
      where: { id: held!.assignmentId },
      data: { leasedUntil: new Date(Date.now() - 1000) },
    });
    expect(await nextWriteTask(project.id, b!.id)).not.toBeNull();
    await expect(holdWrite(project.id, a!.id, input)).rejects.toMatchObject({ code: "lease_expired" });

    const other = await writingProject(1);
    const [c] = await members(1, other.project.id);
    const done = await nextWriteTask(other.project.id, c!.id);
    await submitAnswer(other.project.id, c!.id, { assignmentId: done!.assignmentId, text: "answered", timeTakenMs: 1 });
    await expect(holdWrite(other.project.id, c!.id, { assignmentId: done!.assignmentId })).rejects.toMatchObject({
      code: "not_held",
    });
  });

  it("never serves a skipped prompt to the same writer again, and passes it to another", async () => {
    const { project } = await writingProject(2);
    const [a, b] = await members(2, project.id);
    const first = await nextWriteTask(project.id, a!.id);
    await skipWrite(project.id, a!.id, { assignmentId: first!.assignmentId, reason: "not my field" });
    const second = await nextWriteTask(project.id, a!.id);
    expect(second?.prompt.text).not.toBe(first!.prompt.text);
    expect((await nextWriteTask(project.id, b!.id))?.prompt.text).toBe(first!.prompt.text);
    const skipped = await db.writeAssignment.findUniqueOrThrow({ where: { id: first!.assignmentId } });
    expect(skipped).toMatchObject({ status: "SKIPPED", skipReason: "not my field" });
  });

  it("stores the text exactly as typed, refuses one under the minimum, and one submitted twice", async () => {
    const { project } = await writingProject(1, { minAnswerChars: 10 });
    const [a] = await members(1, project.id);
    const task = await nextWriteTask(project.id, a!.id);
    const input = { assignmentId: task!.assignmentId, timeTakenMs: 1200 };
    await expect(submitAnswer(project.id, a!.id, { ...input, text: "  short  \n" })).rejects.toBeInstanceOf(
      InvalidError,
    );
    const text = "  # Title\r\n\r\nCafé \u0301 — *kept*  \n";
    const { candidateId } = await submitAnswer(project.id, a!.id, { ...input, text });
    expect((await db.candidate.findUniqueOrThrow({ where: { id: candidateId } })).text).toBe(text);
    await expect(submitAnswer(project.id, a!.id, { ...input, text })).rejects.toBeInstanceOf(ConflictError);
  });

  it("serves nothing in a project that takes no written answers", async () => {
    const { project } = await writingProject(1, { writersPerPrompt: 0 });
    const [a] = await members(1, project.id);
    expect(await nextWriteTask(project.id, a!.id)).toBeNull();
  });

  it("shows the writer the system message their answer will be paired and exported under", async () => {
    const system = async (
      fields: Partial<Prisma.ProjectUncheckedCreateInput>,
      prepare?: (promptId: string) => Promise<unknown>,
    ) => {
      const { project, prompts } = await writingProject(1, { systemPrompt: "PROJECT-NOW", ...fields });
      await prepare?.(prompts[0]!.id);
      const [writer] = await members(1, project.id);
      return (await nextWriteTask(project.id, writer!.id))!.prompt.system;
    };
    // Paired with each other: no model answer, no system message.
    expect(await system({ humanPairing: "HUMAN" })).toBeNull();
    // Paired with model answers still to come: the setting they will be generated with.
    expect(await system({ humanPairing: "STRONG", generationMode: "STRONG_WEAK" })).toBe("PROJECT-NOW");
    // Model answers already made: the system message they were made with, whatever the setting says now.
    expect(
      await system({ humanPairing: "STRONG", generationMode: "STRONG_WEAK" }, async (promptId) => {
        const { projectId } = await db.prompt.findUniqueOrThrow({ where: { id: promptId } });
        await db.candidate.create({
          data: {
            projectId,
            promptId,
            source: "GENERATED",
            role: "STRONG",
            text: "model",
            systemPrompt: "AT-GENERATION",
          },
        });
      }),
    ).toBe("AT-GENERATION");
    // The prompt's own wins.
    expect(
      await system({ humanPairing: "STRONG" }, (id) => db.prompt.update({ where: { id }, data: { system: "OWN" } })),
    ).toBe("OWN");
  });
});

describe("the longest answer", () => {
  it("is refused past 100,000 characters, saying how long it is, and counted in characters", async () => {
    const { project } = await writingProject(1);
    const [a] = await members(1, project.id);
    const task = await nextWriteTask(project.id, a!.id);
    const input = { assignmentId: task!.assignmentId, timeTakenMs: 1 };
    await expect(submitAnswer(project.id, a!.id, { ...input, text: "x".repeat(100_001) })).rejects.toMatchObject({
      issues: [{ path: ["text"], message: "An answer is at most 100,000 characters; this one has 100,001" }],
    });
    const emoji = "🙂".repeat(100_000);
    const { candidateId } = await submitAnswer(project.id, a!.id, { ...input, text: emoji });
    expect((await db.candidate.findUniqueOrThrow({ where: { id: candidateId } })).text).toBe(emoji);
  });
});
