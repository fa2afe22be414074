import "server-only";
import { db } from "@/lib/db";
import type { EndpointRole } from "@/lib/generated/prisma/client";
import { lockPanel, settleAfterPanelChange } from "@/lib/judging/resettle";
import { requireProjectAdmin, type ProjectActor } from "./access";
import { invalid } from "./invalid";
import { endpointRoleIssues, judgeIssues } from "./endpoint-rules";
import { setProjectEndpointsSchema, type SetProjectEndpointsInput } from "./schemas";
import type { EndpointOption, EndpointRef, ProjectEndpoints } from "./types";

/** Endpoints an admin may assign: the active ones, without keys or URLs. */
export async function listEndpointOptions(): Promise<EndpointOption[]> {
  return db.modelEndpoint.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true, provider: true, modelId: true },
    orderBy: { name: "asc" },
  });
}

/**
 * The endpoints a project generates with, by role. For the generation engine: no access check,
 * so callers must have checked access themselves. An endpoint archived after it was assigned is
 * still listed, flagged `archived`.
 */
export async function getProjectEndpoints(projectId: string): Promise<ProjectEndpoints> {
  const rows = await db.projectEndpoint.findMany({
    where: { projectId },
    select: { role: true, endpoint: { select: { id: true, name: true, modelId: true, archivedAt: true } } },
    orderBy: { endpoint: { name: "asc" } },
  });
  const result: ProjectEndpoints = { samplers: [], judges: [] };
  for (const { role, endpoint } of rows) {
    const { archivedAt, ...rest } = endpoint;
    const ref: EndpointRef = { ...rest, archived: archivedAt !== null };
    if (role === "STRONG") result.strong = ref;
    else if (role === "WEAK") result.weak = ref;
    else if (role === "JUDGE") result.judges.push(ref);
    else result.samplers.push(ref);
  }
  return result;
}

/**
 * Replaces the project's endpoint roles at once, after checking they fit its generation mode.
 * The judges are set apart: `judge` (one id, or a panel of up to three) absent keeps them, null
 * removes them; and a request naming only the judges leaves the generation roles as they are.
 */
export async function setProjectEndpoints(
  projectId: string,
  actor: ProjectActor,
  input: SetProjectEndpointsInput,
): Promise<ProjectEndpoints> {
  const project = await requireProjectAdmin(projectId, actor);
  const data = setProjectEndpointsSchema.parse(input);
  const judgeOnly =
    data.judge !== undefined && data.strong === undefined && data.weak === undefined && data.samplers === undefined;
  const judges = data.judge ?? [];
  const ids = [data.strong, data.weak, ...(data.samplers ?? []), ...judges].filter((id): id is string => !!id);
  const active = await db.modelEndpoint.findMany({
    where: { id: { in: ids }, archivedAt: null },
    select: { id: true },
  });
  const activeIds = new Set(active.map((e) => e.id));
  const issues = judgeOnly ? [] : endpointRoleIssues(project, data, activeIds);
  issues.push(...judgeIssues(judges, activeIds));
  if (issues.length) throw invalid(issues);

  const rows: { projectId: string; endpointId: string; role: EndpointRole }[] = [
    ...(data.strong ? [{ projectId, endpointId: data.strong, role: "STRONG" as const }] : []),
    ...(data.weak ? [{ projectId, endpointId: data.weak, role: "WEAK" as const }] : []),
    ...(data.samplers ?? []).map((endpointId) => ({ projectId, endpointId, role: "SAMPLER" as const })),
    ...judges.map((endpointId) => ({ projectId, endpointId, role: "JUDGE" as const })),
  ];
  const replaced: EndpointRole[] = [
    ...(judgeOnly ? [] : (["STRONG", "WEAK", "SAMPLER"] as const)),
    ...(data.judge !== undefined ? (["JUDGE"] as const) : []),
  ];
  await db.$transaction(
    async (tx) => {
      await lockPanel(tx, projectId);
      const before = await tx.projectEndpoint.findMany({
        where: { projectId, role: "JUDGE" },
        select: { endpointId: true },
      });
      await tx.projectEndpoint.deleteMany({ where: { projectId, role: { in: replaced } } });
      await tx.projectEndpoint.createMany({ data: rows });
      const panelChanged =
        data.judge !== undefined &&
        (before.length !== judges.length || before.some((b) => !judges.includes(b.endpointId)));
      // A pair's verdict is always its current panel's: pairs the new panel has not fully judged
      // lose theirs, the others are settled from its judgments alone, with the change itself.
      if (panelChanged) await settleAfterPanelChange(tx, project);
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
  return getProjectEndpoints(projectId);
}
