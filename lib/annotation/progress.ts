import "server-only";
import { db } from "@/lib/db";
import type { Progress } from "./schemas";

export async function getProgress(projectId: string, userId: string): Promise<Progress> {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const [mineToday, mineTotal, [counts]] = await Promise.all([
    db.vote.count({ where: { projectId, userId, createdAt: { gte: today } } }),
    db.vote.count({ where: { projectId, userId } }),
    db.$queryRaw<{ done: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE p."voteCount" >= pr."overlap")::int AS done, count(*)::int AS total
      FROM "Pair" p JOIN "Project" pr ON pr."id" = p."projectId" WHERE p."projectId" = ${projectId}`,
  ]);
  return { mineToday, mineTotal, projectDone: counts!.done, projectTotal: counts!.total };
}
