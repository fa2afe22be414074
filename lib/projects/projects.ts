import "server-only";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { pauseProjectRuns } from "@/lib/jobs/project-runs";
import { rerouteJudgedPairs } from "@/lib/judging/reroute";
import { applyTrust } from "@/lib/trust";
import { requireProjectAdmin, visibleProjectsWhere, type ProjectActor } from "./access";
import { changedFields, editConflict, expectedWhere } from "./edit-conflict";
import { invalid } from "./invalid";
import {
  createProjectSchema,
  projectRuleIssues,
  updateProjectSchema,
  type CreateProjectInput,
  type UpdateProjectInput,
} from "./schemas";
import {
  ADMIN_ONLY_SETTINGS,
  type ProjectDetail,
  type ProjectMemberDetail,
  type ProjectSummary,
  type ProjectView,
} from "./types";

const RULE_FIELDS = [
  "generationMode",
  "evaluationMode",
  "samplesPerPrompt",
  "maxPairsPerPrompt",
  "writersPerPrompt",
  "humanPairing",
] as const;
const ROUTING_FIELDS = ["evaluationMode", "uncertainToHumans", "confidenceThreshold", "auditShare"] as const;
const TRUST_FIELDS = ["trustMinAccuracy", "trustMinGold"] as const;

function toView(p: Project): ProjectView {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    guidelines: p.guidelines,
    systemPrompt: p.systemPrompt,
    generationMode: p.generationMode,
    evaluationMode: p.evaluationMode,
    samplesPerPrompt: p.samplesPerPrompt,
    maxPairsPerPrompt: p.maxPairsPerPrompt,
    allowFlawedInPairs: p.allowFlawedInPairs,
    overlap: p.overlap,
    writersPerPrompt: p.writersPerPrompt,
    minAnswerChars: p.minAnswerChars,
    humanPairing: p.humanPairing,
    queueStrategy: p.queueStrategy,
    judgeRubric: p.judgeRubric,
    uncertainToHumans: p.uncertainToHumans,
    confidenceThreshold: p.confidenceThreshold,
    auditShare: p.auditShare,
    goldRate: p.goldRate,
    trustMinAccuracy: p.trustMinAccuracy,
    trustMinGold: p.trustMinGold,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

/**
 * Admins see every project (archived ones on request); annotators their own active ones. `search`
 * keeps those whose name holds it, in any case: names repeat, and a long list needs narrowing.
 */
export async function listProjects(
  user: ProjectActor,
  options: { includeArchived?: boolean; search?: string } = {},
): Promise<ProjectSummary[]> {
  const visible = visibleProjectsWhere(user);
  const where = user.role === "ADMIN" && !options.includeArchived ? { ...visible, archivedAt: null } : visible;
  const search = options.search?.trim();
  const rows = await db.project.findMany({
    where: search ? { ...where, name: { contains: search, mode: "insensitive" } } : where,
    select: {
      id: true,
      name: true,
      generationMode: true,
      evaluationMode: true,
      archivedAt: true,
      createdAt: true,
      createdById: true,
      _count: { select: { prompts: true, pairs: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  // The creator is kept as an id alone (no relation): their names are read in one go.
  const creators = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(creators.map(({ id, ...c }) => [id, c]));
  return rows.map(({ _count, archivedAt, createdAt, createdById, ...p }) => ({
    ...p,
    archivedAt: archivedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    createdBy: byId.get(createdById) ?? null,
    counts: _count,
  }));
}

/** One project with how much it holds; 404 when the user may not see it. */
export async function getProjectDetail(projectId: string, user: ProjectActor): Promise<ProjectDetail> {
  const row = await db.project.findFirst({
    where: { id: projectId, ...visibleProjectsWhere(user) },
    include: { _count: { select: { prompts: true, candidates: true, pairs: true } } },
  });
  if (!row) throw new NotFoundError("Project");
  const { _count, ...project } = row;
  return { ...toView(project), counts: _count };
}

/** One project as its reader may see it: whole for an admin, without the admin-only settings for an annotator. */
export async function readProject(projectId: string, user: ProjectActor): Promise<ProjectDetail | ProjectMemberDetail> {
  const detail = await getProjectDetail(projectId, user);
  if (user.role === "ADMIN") return detail;
  const view: Partial<ProjectDetail> = { ...detail };
  for (const key of ADMIN_ONLY_SETTINGS) delete view[key];
  return view as ProjectMemberDetail;
}

export async function createProject(actor: ProjectActor, input: CreateProjectInput): Promise<ProjectView> {
  if (actor.role !== "ADMIN") throw new ForbiddenError();
  const data = createProjectSchema.parse(input);
  return toView(await db.project.create({ data: { ...data, createdById: actor.id } }));
}

/**
 * Changes settings and archives or restores. Endpoint roles belong to one generation mode, so a
 * mode change clears them; and once candidates exist the mode is fixed, since they were made
 * under it.
 */
export async function updateProject(
  projectId: string,
  actor: ProjectActor,
  input: UpdateProjectInput,
): Promise<ProjectView> {
  const project = await requireProjectAdmin(projectId, actor);
  const { archived, expected, ...fields } = updateProjectSchema.parse(input);
  const guard = expectedWhere(expected);
  if (changedFields(project, expected).length) throw await editConflict(projectId, expected);
  const modeChanged = fields.generationMode !== undefined && fields.generationMode !== project.generationMode;
  if (modeChanged && (await db.candidate.count({ where: { projectId } })) > 0) {
    throw new ConflictError("mode_locked", "The generation mode cannot change once the project has candidates");
  }
  // Only a change to the modes or to n/m is checked, so archiving never trips over old data.
  if (RULE_FIELDS.some((f) => fields[f] !== undefined)) {
    const merged = { ...project, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    const samplers = modeChanged ? 0 : await db.projectEndpoint.count({ where: { projectId, role: "SAMPLER" } });
    const issues = projectRuleIssues(merged, samplers);
    if (issues.length) throw invalid(issues);
  }

  const archivedAt = archived === undefined ? undefined : archived ? (project.archivedAt ?? new Date()) : null;
  const changedBy = Object.keys(fields).length ? { settingsChangedById: actor.id, settingsChangedAt: new Date() } : {};
  const updated = await db.$transaction(async (tx) => {
    // Held to the expected values in the write itself: a save that raced past the check above
    // changes nothing.
    const { count } = await tx.project.updateMany({
      where: { id: projectId, ...guard },
      data: { ...fields, archivedAt, ...changedBy },
    });
    if (count === 0) return null;
    // An archived project spends nothing: its runs under way pause, and stay paused until resumed.
    if (archived && !project.archivedAt) await pauseProjectRuns(tx, projectId);
    // The judge answers about pairs whatever made them, so it stays.
    if (modeChanged) await tx.projectEndpoint.deleteMany({ where: { projectId, role: { not: "JUDGE" } } });
    return tx.project.findUniqueOrThrow({ where: { id: projectId } });
  });
  if (!updated) throw await editConflict(projectId, expected);
  // Judged pairs follow the new rules into (or out of) the human queue.
  if (ROUTING_FIELDS.some((f) => fields[f] !== undefined && fields[f] !== project[f]))
    await rerouteJudgedPairs(updated as Project);
  // A changed trust rule decides anew whose votes count.
  if (TRUST_FIELDS.some((f) => fields[f] !== undefined && fields[f] !== project[f])) await applyTrust(projectId);
  return toView(updated as Project);
}
