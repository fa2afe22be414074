"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { SessionEndedAlert } from "@/components/session-ended-alert";
import { Alert } from "@/components/ui/alert";
import { useStatus } from "@/components/ui/use-status";
import { ApiClientError, apiFetch, isSessionEnded } from "@/lib/api/client";
import { useSessionEnded } from "@/lib/api/session-ended";
import { tabStorage } from "@/lib/browser/tab-storage";
import type { WriteProgress, WriteState } from "@/lib/writing/schemas";
import { KeptAnswerNotice } from "./kept-answer-notice";
import { forgetAnswer, keepAnswer, keptAnswers, settleAnswer } from "./kept-answers";
import { WriteNothingLeft, WriteProgressLine } from "./write-progress";
import { WriteTaskView } from "./write-task";

export interface WriteWorkspaceProps {
  projectId: string;
  /** The signed-in writer: answers kept in the tab are theirs alone. */
  userId: string;
  guidelines: string;
}

/** The writer's queue: one prompt at a time, the next one served after each submit or skip. */
export function WriteWorkspace({ projectId, userId, guidelines }: WriteWorkspaceProps) {
  const queryClient = useQueryClient();
  const key = ["write", projectId];
  const next = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<WriteState>(`/api/projects/${projectId}/write/next`, { method: "POST", json: {} }),
    refetchOnWindowFocus: false,
  });
  const owner = { userId, projectId };
  const [progress, setProgress] = useState<WriteProgress>();
  const [status, say] = useStatus();
  const signedOut = useSessionEnded();
  // Storage is read during render; a change of what it holds re-renders through this.
  const [, setKeptVersion] = useState(0);
  const forget = (assignmentId: string) => {
    forgetAnswer(tabStorage(), owner, assignmentId);
    setKeptVersion((v) => v + 1);
  };
  const [unkept, setUnkept] = useState(false);
  const advance = async (p: WriteProgress, assignmentId: string, how: "submitted" | "skipped") => {
    const kept = settleAnswer(tabStorage(), owner, assignmentId, how);
    setKeptVersion((v) => v + 1);
    setProgress(p);
    await queryClient.invalidateQueries({ queryKey: key });
    // Said once the next prompt is in: the editor clears and the prompt changes without a sound.
    const nextTask = queryClient.getQueryData<WriteState>(key)?.task;
    const done =
      how === "submitted" ? "Answer saved" : `Prompt skipped${kept ? "; your text is kept above the editor" : ""}`;
    say(`${done}. ${nextTask ? "Next prompt shown." : "Nothing left to write."}`);
  };
  const onError = (e: Error) => {
    // The prompt went to someone else: serve the next one (the error stays shown).
    if (e instanceof ApiClientError && e.status === 409) void queryClient.invalidateQueries({ queryKey: key });
  };
  const submit = useMutation({
    mutationFn: (input: { assignmentId: string; text: string; timeTakenMs: number }) =>
      apiFetch<{ progress: WriteProgress }>(`/api/projects/${projectId}/write/answers`, {
        method: "POST",
        json: input,
      }),
    onMutate: () => say(""),
    onSuccess: (r, input) => advance(r.progress, input.assignmentId, "submitted"),
    onError,
  });
  const skip = useMutation({
    mutationFn: (input: { assignmentId: string; reason: string }) =>
      apiFetch<{ progress: WriteProgress }>(`/api/projects/${projectId}/write/skips`, { method: "POST", json: input }),
    onMutate: () => say(""),
    onSuccess: (r, input) => advance(r.progress, input.assignmentId, "skipped"),
    onError,
  });

  const shown = progress ?? next.data?.progress;
  if (next.isPending) return <p className="text-slate-600">Loading the next prompt…</p>;
  if (next.isError && !signedOut) return <Alert tone="error">{next.error.message}</Alert>;
  const task = next.data?.task;
  const failed = submit.error ?? skip.error;
  const kept = keptAnswers(tabStorage(), owner);
  return (
    <div className="space-y-4">
      <WriteProgressLine progress={shown} />
      <p role="status" data-testid="write-status" className="min-h-5 text-sm text-indigo-700">
        {status}
      </p>
      {signedOut ? (
        <SessionEndedAlert>
          Your session has ended.{" "}
          {task && unkept
            ? "Your answer is NOT submitted, and this browser would not keep it: copy it before you leave this page."
            : kept.some((a) => a.assignmentId === task?.assignmentId)
              ? "Your answer is NOT submitted: it is kept in this tab and will be back in the editor when you sign in again."
              : "Sign in again to go on writing."}
        </SessionEndedAlert>
      ) : (
        failed && !isSessionEnded(failed) && <Alert tone="error">{failed.message}</Alert>
      )}
      {kept
        .filter((a) => a.assignmentId !== task?.assignmentId)
        .map((a) => (
          <KeptAnswerNotice key={a.assignmentId} answer={a} onDiscard={() => forget(a.assignmentId)} />
        ))}
      {!next.data ? null : !task ? (
        <WriteNothingLeft progress={shown} onCheckAgain={() => void next.refetch()} />
      ) : (
        <WriteTaskView
          key={task.assignmentId}
          projectId={projectId}
          task={task}
          guidelines={guidelines}
          minChars={next.data.minAnswerChars}
          busy={submit.isPending || skip.isPending || signedOut}
          initialText={kept.find((a) => a.assignmentId === task.assignmentId)?.text ?? ""}
          onTextChange={(text) =>
            setUnkept(
              !keepAnswer(tabStorage(), owner, { assignmentId: task.assignmentId, prompt: task.prompt.text, text }),
            )
          }
          onRefused={() => say("")}
          onSubmit={(text, timeTakenMs) => submit.mutate({ assignmentId: task.assignmentId, text, timeTakenMs })}
          onSkip={(reason) => skip.mutate({ assignmentId: task.assignmentId, reason })}
        />
      )}
    </div>
  );
}
