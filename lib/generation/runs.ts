import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import type { EndpointRole } from "@/lib/generated/prisma/client";
import { syncEndpointSlots } from "@/lib/endpoints/slots";
import { notifyWork } from "@/lib/jobs/queue";
import { refuseEmptyRun } from "@/lib/jobs/empty-run";
import { refuseWhenArchived } from "@/lib/projects/archived";

interface Assignment {
  endpointId: string;
  role: EndpointRole;
  samples: number;
}

/** Which endpoints a run of this project calls, and how many answers each gives per prompt. */
async function assignments(projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project");
  refuseWhenArchived(project, "generate");
  const links = await db.projectEndpoint.findMany({ where: { projectId }, include: { endpoint: true } });
  const active = links.filter((l) => !l.endpoint.archivedAt);
  const of = (role: EndpointRole) => active.filter((l) => l.role === role);
  let list: (Assignment & { limit: number })[];
  if (project.generationMode === "STRONG_WEAK") {
    const [strong, weak] = [of("STRONG")[0], of("WEAK")[0]];
    if (!strong || !weak) {
      throw new InvalidError("endpoints_missing", "Choose a strong and a weak endpoint in the project settings first");
    }
    list = [strong, weak].map((l) => ({
      endpointId: l.endpointId,
      role: l.role,
      samples: 1,
      limit: l.endpoint.concurrencyLimit,
    }));
  } else if (project.generationMode === "MULTI_SAMPLE") {
    const samplers = of("SAMPLER");
    if (!samplers.length)
      throw new InvalidError("endpoints_missing", "Choose at least one endpoint in the project settings first");
    list = samplers.map((l) => ({
      endpointId: l.endpointId,
      role: l.role,
      samples: project.samplesPerPrompt,
      limit: l.endpoint.concurrencyLimit,
    }));
  } else {
    throw new ConflictError("imported_project", "This project takes imported candidates; it has nothing to generate");
  }
  return { project, list };
}

/**
 * Starts a run: one task per (prompt, endpoint, role, sample) that has no candidate yet, in
 * prompt order. Prompts that already have their candidates cost nothing, and prompts of
 * document triples are left out.
 */
export async function startRun(projectId: string, userId: string) {
  const { list } = await assignments(projectId);
  // Judging runs may go on meanwhile: they ask other questions of other endpoints.
  const busy = await db.run.findFirst({
    where: { projectId, kind: "GENERATION", status: { in: ["RUNNING", "PAUSED"] } },
  });
  if (busy) throw new ConflictError("run_in_progress", "A generation run of this project is already in progress");
  // Slots normally follow the endpoint settings; this also covers endpoints made before slots existed.
  for (const a of list) await syncEndpointSlots(db, a.endpointId, a.limit);

  const run = await db.run.create({ data: { projectId, createdById: userId } });
  // Sent with pg rather than Prisma, and without returning the new ids: the run's first call
  // waits for this statement. For 1,000 prompts (2,000 tasks) startRun took 140-150 ms this way
  // and 210-330 ms through Prisma; the statement itself runs in about 70 ms.
  const { rowCount } = await bulkPool().query(
    `INSERT INTO "Task" ("id", "runId", "projectId", "promptId", "endpointId", "role", "sampleIndex", "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, p."id", e.endpoint_id, e.role::"EndpointRole", s.i, now()
     FROM "Prompt" p
     CROSS JOIN unnest($3::text[], $4::text[], $5::int[]) AS e(endpoint_id, role, samples)
     CROSS JOIN LATERAL generate_series(0, e.samples - 1) AS s(i)
     WHERE p."projectId" = $2
       -- A document triple's prompt has its pair already (the author's extract against the answer
       -- its run asked for): answers generated for it would pair with nothing.
       AND NOT EXISTS (SELECT 1 FROM "Candidate" d WHERE d."promptId" = p."id" AND d."source" = 'DOCUMENT')
       AND NOT EXISTS (
         SELECT 1 FROM "Candidate" c
         WHERE c."promptId" = p."id" AND c."endpointId" = e.endpoint_id
           AND c."role" = e.role::"EndpointRole" AND c."sampleIndex" = s.i)
     ORDER BY p."createdAt", p."id", e.role, s.i`,
    [run.id, projectId, list.map((a) => a.endpointId), list.map((a) => a.role), list.map((a) => a.samples)],
  );
  if (!rowCount) {
    const prompts = await db.prompt.count({ where: { projectId } });
    await refuseEmptyRun(
      run.id,
      prompts
        ? "Every prompt has its answers already: there is nothing to generate"
        : "This project has no prompts yet: import some first",
    );
  }
  await notifyWork();
  return run;
}
