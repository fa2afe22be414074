import type { Prisma, Project, RunKind, Task } from "@/lib/generated/prisma/client";
import type { EndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import type { CallModelResult, StructuredRequest } from "@/lib/models/call";
import type { ModelErrorInfo } from "@/lib/models/errors";
import type { RunVerdicts } from "@/lib/judging/run-verdicts";
import type { ChatMessage, SamplingParams } from "@/lib/models/types";

/** A task a worker claimed, with what every kind of task needs to make its call. */
export type ClaimedTask = Task & {
  kind: RunKind;
  /** The prompt's text; null on document runs' tasks, which name a chunk instead. */
  promptText: string | null;
  promptSystem: string | null;
  /** When the project and endpoint settings last changed: cached copies older than this are stale. */
  projectVersion: Date;
  endpointVersion: Date;
  /** When this worker claimed it (Date.now(), taken before the claim). */
  claimedAt: number;
  /** Why the task's endpoint was stopped in its run when it was claimed (an error retrying cannot fix), if it was. */
  endpointStoppedBy: string | null;
};

/** A GENERATION or JUDGING task: its run's start always gives it a prompt. */
export type PromptTask = ClaimedTask & { promptId: string; promptText: string };

export function hasPrompt(task: ClaimedTask): task is PromptTask {
  return task.promptId !== null && task.promptText !== null;
}

export type TaskOutcome = "done" | "failed" | "released";

export type CallAttempt = { ok: true; result: CallModelResult; attempts: number } | { ok: false; outcome: TaskOutcome };
/** The server refused the way the output was asked for; the task stays claimed for another try. */
export type ModeRefused = { ok: "mode_refused"; error: ModelErrorInfo; attempts: number };

export interface OutputOptions {
  structured?: StructuredRequest;
  /** An error this says yes to is handed back instead of failing the task and stopping the endpoint. */
  refusesMode?: (error: ModelErrorInfo) => boolean;
}

/** What the runtime gives an executor for one task. */
export interface TaskContext {
  workerId: string;
  project(task: ClaimedTask): Promise<Project>;
  endpoint(task: ClaimedTask): Promise<EndpointForCall>;
  /**
   * One model call within the endpoint's shared limits: retries what retrying can fix, hands the
   * task back when its run is paused or cancelled, fails it (stopping the endpoint's part of the
   * run) on an error retrying cannot fix. `attemptsBefore` counts calls the task already made.
   */
  call(
    task: ClaimedTask,
    endpoint: EndpointForCall,
    messages: ChatMessage[],
    overrides: SamplingParams,
    attemptsBefore?: number,
  ): Promise<CallAttempt>;
  call(
    task: ClaimedTask,
    endpoint: EndpointForCall,
    messages: ChatMessage[],
    overrides: SamplingParams,
    attemptsBefore: number,
    output: OutputOptions,
  ): Promise<CallAttempt | ModeRefused>;
  /** Marks the task failed for a reason of the executor's own (its call never made, say). */
  fail(task: ClaimedTask, kind: string, message: string, attempts?: number): Promise<TaskOutcome>;
}

export interface RunUsage {
  input: number;
  output: number;
  cost: number;
}

/** What a failed task's model said, for the run's error list (a judge's unusable reply). */
export interface FailedReply {
  reply: string;
  replyChars: number;
  detail: string | null;
}

/**
 * One kind of model work. The runtime claims, leases, limits, retries and counts; the executor
 * makes a task's call(s) and stores its result, settling the task (DONE or FAILED) as it does.
 */
/**
 * Each kind's report on a run beyond its tasks: a generation run, the pairs its candidates
 * formed; a judging run, how its pairs came out.
 */
export interface RunSummaries {
  GENERATION: { pairsFormed: number };
  JUDGING: RunVerdicts;
  DOC_INSTRUCTIONS: DocItemCounts;
  DOC_PREFERENCES: DocItemCounts;
}

/** A document run's items so far: kept, dropped by a filter, or waiting for their rejected answer. */
export interface DocItemCounts {
  kept: number;
  dropped: number;
  pending: number;
}

export interface Executor<K extends RunKind = RunKind> {
  kind: K;
  execute(task: ClaimedTask, ctx: TaskContext): Promise<TaskOutcome>;
  /** Tokens and cost of what a run's tasks produced. */
  usage(runId: string): Promise<RunUsage>;
  /** The replies behind some failed tasks (by task id), when the kind keeps them. */
  failedReplies?(taskIds: string[], maxChars: number): Promise<Map<string, FailedReply>>;
  /** What the kind reports about a run beyond its tasks (RunSummaries says what, per kind). */
  summary?(runId: string): Promise<RunSummaries[K]>;
  /**
   * Runs before the run is closed, once none of its tasks is left to do: finishes what a worker
   * that died between storing a task's result and acting on it left undone (the pairs of a
   * generated candidate, say). Safe to run any number of times.
   */
  settle?(runId: string): Promise<void>;
  /** Runs in the transaction that puts a run's failed tasks back, before it does. */
  beforeRetry?(tx: Prisma.TransactionClient, runId: string): Promise<void>;
}
