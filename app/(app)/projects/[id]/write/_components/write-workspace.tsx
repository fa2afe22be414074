"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useStatus } from "@/components/ui/use-status";
import { Alert } from "@/components/ui/alert";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { WriteProgress, WriteState } from "@/lib/writing/schemas";
import { WriteNothingLeft, WriteProgressLine } from "./write-progress";
import { WriteTaskView } from "./write-task";

export interface WriteWorkspaceProps {
  projectId: string;
  guidelines: string;
}

/** The writer's queue: one prompt at a time, the next one served after each submit or skip. */
export function WriteWorkspace({ projectId, guidelines }: WriteWorkspaceProps) {
  const queryClient = useQueryClient();
  const key = ["write", projectId];
  const next = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<WriteState>(`/api/projects/${projectId}/write/next`, { method: "POST", json: {} }),
    refetchOnWindowFocus: false,
  });
  const [progress, setProgress] = useState<WriteProgress>();
  const [status, say] = useStatus();
  const advance = async (p: WriteProgress, done: string) => {
    setProgress(p);
    await queryClient.invalidateQueries({ queryKey: key });
    // Said once the next prompt is in: the editor clears and the prompt changes without a sound.
    const nextTask = queryClient.getQueryData<WriteState>(key)?.task;
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
    onSuccess: (r) => advance(r.progress, "Answer saved"),
    onError,
  });
  const skip = useMutation({
    mutationFn: (input: { assignmentId: string; reason: string }) =>
      apiFetch<{ progress: WriteProgress }>(`/api/projects/${projectId}/write/skips`, { method: "POST", json: input }),
    onSuccess: (r) => advance(r.progress, "Prompt skipped"),
    onError,
  });

  const shown = progress ?? next.data?.progress;
  if (next.isPending) return <p className="text-slate-600">Loading the next prompt…</p>;
  if (next.isError) return <Alert tone="error">{next.error.message}</Alert>;
  const task = next.data.task;
  const failed = submit.error ?? skip.error;
  return (
    <div className="space-y-4">
      <WriteProgressLine progress={shown} />
      <p role="status" data-testid="write-status" className="min-h-5 text-sm text-indigo-700">
        {status}
      </p>
      {failed && <Alert tone="error">{failed.message}</Alert>}
      {!task ? (
        <WriteNothingLeft progress={shown} onCheckAgain={() => void next.refetch()} />
      ) : (
        <WriteTaskView
          key={task.assignmentId}
          task={task}
          guidelines={guidelines}
          minChars={next.data.minAnswerChars}
          busy={submit.isPending || skip.isPending}
          onSubmit={(text, timeTakenMs) => submit.mutate({ assignmentId: task.assignmentId, text, timeTakenMs })}
          onSkip={(reason) => skip.mutate({ assignmentId: task.assignmentId, reason })}
        />
      )}
    </div>
  );
}
