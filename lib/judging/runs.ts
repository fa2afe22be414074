import "server-only";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { syncEndpointSlots } from "@/lib/endpoints/slots";
import { notifyWork } from "@/lib/jobs/queue";
import { refuseEmptyRun } from "@/lib/jobs/empty-run";
import { refuseWhenArchived } from "@/lib/projects/archived";
import { judgeDecides } from "@/lib/projects/modes";
import { JUDGMENT_OF_TASK } from "./task-judgment";

/** The project's judges (one, or a panel of up to three; all active), or a 422 saying what to set up. */
async function panelFor(projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project");
  refuseWhenArchived(project, "judge");
  if (!judgeDecides(project.evaluationMode)) {
    throw new InvalidError(
      "not_judged",
      "This project's evaluation mode uses no judge; choose LLM judge or Hybrid in its settings first",
    );
  }
  const links = await db.projectEndpoint.findMany({ where: { projectId, role: "JUDGE" }, include: { endpoint: true } });
  if (!links.length) throw new InvalidError("judge_missing", "Choose a judge endpoint in the project settings first");
  const archived = links.find((l) => l.endpoint.archivedAt);
  if (archived) {
    throw new InvalidError(
      "judge_archived",
      `The judge endpoint ${archived.endpoint.name} is archived; choose another in the project settings`,
    );
  }
  return links.map((l) => l.endpoint);
}

/**
 * Starts a judging run: one task per pair, judge and order (candidate A shown first, or
 * swapped) not judged yet. Judged pairs cost nothing.
 * With `rejudgeFailed`, orders whose judgment failed (no usable reply even after the repair) are
 * forgotten first and asked again, after a rubric or endpoint fix, say; their pairs keep their
 * FAILED verdict and routing until the new judgment settles them.
 */
export async function startJudgingRun(projectId: string, userId: string, { rejudgeFailed = false } = {}) {
  const judges = await panelFor(projectId);
  const judgeIds = judges.map((j) => j.id);
  const busy = await db.run.findFirst({ where: { projectId, kind: "JUDGING", status: { in: ["RUNNING", "PAUSED"] } } });
  if (busy) throw new ConflictError("run_in_progress", "A judging run of this project is already in progress");
  for (const judge of judges) await syncEndpointSlots(db, judge.id, judge.concurrencyLimit);
  if (rejudgeFailed) {
    await db.judgment.deleteMany({ where: { projectId, endpointId: { in: judgeIds }, status: "FAILED" } });
  }

  const run = await db.run.create({ data: { projectId, kind: "JUDGING", createdById: userId } });
  // A pair's tasks are queued together, so pairs settle one after another while the run goes on.
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Task" ("id", "runId", "projectId", "promptId", "endpointId", "role", "pairId", "judgeOrder", "updatedAt")
    SELECT gen_random_uuid()::text, ${run.id}, ${projectId}, p."promptId", e.id, 'JUDGE', p."id", o.judge_order, now()
    FROM "Pair" p
    CROSS JOIN unnest(${judgeIds}::text[]) AS e(id)
    CROSS JOIN unnest(enum_range(NULL::"JudgeOrder")) AS o(judge_order)
    WHERE p."projectId" = ${projectId}
      AND NOT EXISTS (
        SELECT 1 FROM "Judgment" j
        WHERE j."pairId" = p."id" AND j."endpointId" = e.id AND j."swapped" = (o.judge_order = 'SWAPPED'))
    ORDER BY p."createdAt", p."id", e.id, o.judge_order
    RETURNING "id"`;
  if (!rows.length) {
    const pairs = await db.pair.count({ where: { projectId } });
    await refuseEmptyRun(
      run.id,
      pairs
        ? "Every pair has its judgments already: there is nothing to judge"
        : "This project has no pairs yet: generate or import some first",
    );
  }
  await notifyWork();
  return run;
}

/**
 * Before "Retry failed" asks the judge again for a run's failed tasks: their FAILED judgments are
 * forgotten, else the new reply could not be stored (one judgment per pair and order) and the
 * pair would keep its failed verdict. The pairs keep their verdict until the new judgment settles them.
 */
export async function forgetFailedJudgmentsOfRun(tx: Pick<typeof db, "$executeRaw">, runId: string): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "Judgment" j USING "Task" t
    WHERE t."runId" = ${runId} AND t."status" = 'FAILED' AND j."status" = 'FAILED' AND ${JUDGMENT_OF_TASK}`;
}
