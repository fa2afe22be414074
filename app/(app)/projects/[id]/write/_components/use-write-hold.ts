"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { WriteHold, WriteTask } from "@/lib/writing/schemas";
import { holdState, nextHoldChange, renewDue } from "./hold";

/** The writer's hold on the prompt shown: renewed as they type, its state for the warning. */
export function useWriteHold(projectId: string, task: WriteTask) {
  // The server says how long is left, not only until when: this browser's clock may differ.
  const [deadline, setDeadline] = useState(() => Date.now() + task.heldForMs);
  const [now, setNow] = useState(() => Date.now());
  const lastRenewed = useRef(0);
  const [lost, setLost] = useState<string>();
  const renew = useMutation({
    mutationFn: () =>
      apiFetch<WriteHold>(`/api/projects/${projectId}/write/holds`, {
        method: "POST",
        json: { assignmentId: task.assignmentId },
      }),
    onSuccess: (hold) => {
      setDeadline(Date.now() + hold.heldForMs);
      setNow(Date.now());
    },
    onError: (e) => {
      if (e instanceof ApiClientError && e.status === 409) setLost(e.message);
    },
  });
  useEffect(() => {
    lastRenewed.current = Date.now();
  }, []);
  useEffect(() => {
    const at = nextHoldChange(deadline, Date.now());
    if (at === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, at - Date.now()) + 100);
    return () => clearTimeout(timer);
  }, [deadline, now]);

  const keep = () => {
    lastRenewed.current = Date.now();
    renew.mutate();
  };
  return {
    state: holdState(deadline, now),
    deadline,
    /** The text changed: renew the hold if a minute has passed since the last renewal. */
    typed: () => renewDue(lastRenewed.current, Date.now()) && keep(),
    keep,
    keeping: renew.isPending,
    /** Why the hold could not be renewed: the prompt went to someone else meanwhile. */
    lost,
  };
}
