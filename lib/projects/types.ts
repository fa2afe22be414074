import type { RoleName } from "@/lib/users/schemas";
import type { EvaluationModeName, GenerationModeName, HumanPairingName, QueueStrategyName } from "./schemas";

/** A project as the browser sees it (dates as ISO strings). */
export interface ProjectView {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  systemPrompt: string | null;
  generationMode: GenerationModeName;
  evaluationMode: EvaluationModeName;
  samplesPerPrompt: number;
  maxPairsPerPrompt: number;
  allowFlawedInPairs: boolean;
  overlap: number;
  /** Written answers: 0 means the project takes none. */
  writersPerPrompt: number;
  minAnswerChars: number;
  humanPairing: HumanPairingName;
  queueStrategy: QueueStrategyName;
  /** null: the default rubric. */
  judgeRubric: string | null;
  uncertainToHumans: boolean;
  confidenceThreshold: number;
  auditShare: number;
  /** Share of an annotator's items that are gold pairs. */
  goldRate: number;
  /** The trust rule (lib/trust): null when off. */
  trustMinAccuracy: number | null;
  trustMinGold: number;
  archivedAt: string | null;
  createdAt: string;
}

export interface ProjectCounts {
  prompts: number;
  candidates: number;
  pairs: number;
}

export type ProjectSummary = Pick<
  ProjectView,
  "id" | "name" | "generationMode" | "evaluationMode" | "archivedAt" | "createdAt"
> & {
  /** Who created it; null if that account is gone. */
  createdBy: { name: string | null; email: string } | null;
  counts: Pick<ProjectCounts, "prompts" | "pairs">;
};

export type ProjectDetail = ProjectView & { counts: ProjectCounts };

/**
 * Settings only admins are shown: how pairs are routed between the judge and people, and how
 * gold pairs check annotators. An annotator who knew the gold rate or the trust threshold could
 * aim at them (how many answers to get right, how often a gold pair comes).
 */
export const ADMIN_ONLY_SETTINGS = [
  "judgeRubric",
  "uncertainToHumans",
  "confidenceThreshold",
  "auditShare",
  "goldRate",
  "trustMinAccuracy",
  "trustMinGold",
] as const satisfies readonly (keyof ProjectView)[];

/** A project as an annotator member reads it. */
export type ProjectMemberDetail = Omit<ProjectDetail, (typeof ADMIN_ONLY_SETTINGS)[number]>;

export interface ProjectMemberView {
  userId: string;
  email: string;
  name: string | null;
  role: RoleName;
  active: boolean;
  addedAt: string;
}

/** An endpoint as a project refers to it: never its key or URL. */
export interface EndpointRef {
  id: string;
  name: string;
  modelId: string;
  /** Archived after it was assigned: the generation engine should not call it. */
  archived: boolean;
}

export interface ProjectEndpoints {
  strong?: EndpointRef;
  weak?: EndpointRef;
  samplers: EndpointRef[];
  /** The judge, or the panel of up to three judges, by name. */
  judges: EndpointRef[];
}

export interface EndpointOption {
  id: string;
  name: string;
  provider: string;
  modelId: string;
}
