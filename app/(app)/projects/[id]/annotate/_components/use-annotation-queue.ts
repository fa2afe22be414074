"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ApiClientError, apiFetch, isSessionEnded } from "@/lib/api/client";
import { tabStorage, type TabOwner } from "@/lib/browser/tab-storage";
import { MAX_HOLDING } from "@/lib/annotation/queue-limits";
import { emptyQueue, holding, queueReducer, wanted } from "./queue-state";
import type { AnnotationItem, NextResponse, Progress, SkipBody, VoteBody } from "./types";
import { forgetUnsavedVote, keepUnsavedVote, unsavedVotes } from "./unsaved-votes";
import { createWaker, refusedVoteMessage, sendUntilAnswered } from "./vote-delivery";

// Skips (and claims) are sent in the background after the next pair is already on screen, so a
// network blip must not lose them: retry transient failures. Votes are never given up (below).
const transient = (count: number, err: unknown) => !(err instanceof ApiClientError && err.status < 500) && count < 6;
const backoff = (attempt: number) => Math.min(500 * 2 ** attempt, 8_000);

/** Votes refused for want of a session: kept in the tab to be sent after signing in, or not. */
export interface SignedOutVotes {
  kept: number;
  lost: number;
}

/** What the server made of the votes kept from before signing in again: how many it saved, why it refused others. */
export interface ResentVotes {
  saved: number;
  refused: string[];
}

/** The local queue of pairs: what is on screen, what is prefetched, and the requests in flight. */
export function useAnnotationQueue(
  { userId, projectId }: TabOwner,
  onProblem: (message: string) => void,
  initial?: NextResponse,
) {
  const owner = useMemo(() => ({ userId, projectId }), [userId, projectId]);
  const base = `/api/projects/${projectId}/annotate`;
  const qc = useQueryClient();
  const [state, dispatch] = useReducer(queueReducer, initial, (init) =>
    init ? queueReducer(emptyQueue, { type: "received", items: init.items }) : emptyQueue,
  );
  const progressKey = ["annotate-progress", projectId];
  const progress = useQuery({
    queryKey: progressKey,
    queryFn: () => apiFetch<Progress>(`${base}/progress`),
    initialData: initial?.progress,
  });

  // Responses may arrive out of order; only the progress from the latest request sent is kept.
  const seq = useRef({ sent: 0, applied: 0 });
  const tracked =
    <T extends { progress: Progress }>(send: () => Promise<T>) =>
    async () => {
      const mine = ++seq.current.sent;
      const res = await send();
      if (mine > seq.current.applied) {
        seq.current.applied = mine;
        qc.setQueryData(progressKey, res.progress);
      }
      return res;
    };
  // useMutation takes its options afresh on every render, so onError always sees this render's onProblem.
  // An ended session is not told here: the page shows it as a state of its own.
  const fail = (what: string) => (err: Error) => isSessionEnded(err) || onProblem(`${what}: ${err.message}`);

  // Removed from the project, or the project archived: every request is then answered 404. The
  // first 404 asks for the project itself, so a pair that went away is not taken for the project.
  const [closed, setClosed] = useState(false);
  const checkingAccess = useRef(false);
  const checkAccess = (err: unknown) => {
    if (!(err instanceof ApiClientError) || err.status !== 404 || checkingAccess.current) return;
    checkingAccess.current = true;
    apiFetch(`/api/projects/${projectId}`).then(
      () => (checkingAccess.current = false),
      (e: unknown) =>
        e instanceof ApiClientError && e.status === 404 ? setClosed(true) : (checkingAccess.current = false),
    );
  };

  const [signedOutVotes, setSignedOutVotes] = useState<SignedOutVotes>({ kept: 0, lost: 0 });
  const claim = useMutation({
    mutationFn: (body: { count: number; holding: string[] }) =>
      tracked(() => apiFetch<NextResponse>(`${base}/next`, { method: "POST", json: body }))(),
    retry: transient,
    retryDelay: backoff,
    onSuccess: (res) => dispatch({ type: "received", items: res.items }),
    onError: checkAccess,
  });
  // A vote waits in the tab, sent again and again (same voteId, so never doubled), until the
  // server stores or refuses it: a reset connection or a restarting server must not lose it.
  const [waker] = useState(createWaker);
  const [waiting, setWaiting] = useState<string[]>([]);
  const prompts = useRef(new Map<string, string>());
  const vote = useMutation({
    mutationFn: (body: VoteBody) =>
      sendUntilAnswered(
        tracked(() =>
          apiFetch<{ voteId: string; progress: Progress }>(`${base}/votes`, { method: "POST", json: body }),
        ),
        waker.sleep,
        () => setWaiting((w) => (w.includes(body.voteId) ? w : [...w, body.voteId])),
      ),
    // Offline, fetch fails at once and the loop above waits; pausing would hide the vote from the count.
    networkMode: "always",
    onError: (err: Error, body) => {
      // Kept to be sent again once signed in: the annotator may have spent minutes on it.
      if (isSessionEnded(err)) {
        const kept = keepUnsavedVote(tabStorage(), owner, body);
        setSignedOutVotes((n) => (kept ? { ...n, kept: n.kept + 1 } : { ...n, lost: n.lost + 1 }));
        return;
      }
      checkAccess(err);
      onProblem(refusedVoteMessage(prompts.current.get(body.assignmentId) ?? "", err));
    },
    onSettled: (_res, _err, body) => {
      setWaiting((w) => w.filter((id) => id !== body.voteId));
      prompts.current.delete(body.assignmentId);
      dispatch({ type: "settled", assignmentId: body.assignmentId });
    },
  });
  useEffect(() => {
    window.addEventListener("online", waker.wake);
    return () => window.removeEventListener("online", waker.wake);
  }, [waker]);
  const skip = useMutation({
    mutationFn: (body: SkipBody) =>
      tracked(() => apiFetch<{ progress: Progress }>(`${base}/skips`, { method: "POST", json: body }))(),
    retry: transient,
    retryDelay: backoff,
    onError: (err: Error) => {
      checkAccess(err);
      fail("A skip could not be saved")(err);
    },
    onSettled: (_res, _err, body) => dispatch({ type: "settled", assignmentId: body.assignmentId }),
  });
  const undo = useMutation({
    mutationFn: (voteId: string) =>
      tracked(() =>
        apiFetch<{ item: AnnotationItem; progress: Progress }>(`${base}/votes/${voteId}`, { method: "DELETE" }),
      )(),
    onSuccess: (res) => dispatch({ type: "restore", item: res.item }),
  });

  // Votes kept when the session ended are sent as soon as the page is back, signed in; the
  // server decides whether each still counts (the pair may have gone to someone else meanwhile).
  const [resent, setResent] = useState<ResentVotes>({ saved: 0, refused: [] });
  const resending = useRef(false);
  const resendVote = vote.mutateAsync;
  useEffect(() => {
    const kept = unsavedVotes(tabStorage(), owner);
    if (resending.current || kept.length === 0) return;
    resending.current = true;
    dispatch({ type: "resend", assignmentIds: kept.map((v) => v.assignmentId) });
    for (const body of kept) {
      resendVote(body).then(
        () => {
          forgetUnsavedVote(tabStorage(), owner, body.voteId);
          setResent((r) => ({ ...r, saved: r.saved + 1 }));
        },
        (err: Error) => {
          // Signed out again: the vote was kept again, for the next sign-in.
          if (isSessionEnded(err)) return;
          forgetUnsavedVote(tabStorage(), owner, body.voteId);
          setResent((r) => ({ ...r, refused: [...r.refused, err.message] }));
        },
      );
    }
  }, [owner, resendVote]);

  // Top the queue up whenever it runs low: one claim in flight at a time, none after a failure.
  const need = wanted(state);
  useEffect(() => {
    if (need > 0 && claim.isIdle) claim.mutate({ count: need, holding: holding(state).slice(0, MAX_HOLDING) });
    // claim.mutate is stable: the queue's need and the claim's status are what should re-run this.
  }, [need, claim.status]);
  useEffect(() => {
    if (claim.isSuccess) claim.reset();
  }, [claim]);

  // A vote still in flight would be lost by closing the tab: let the browser ask first.
  const unsaved = state.pending.length > 0;
  // Responses to concurrent votes each count a moment of their own; once all have landed, one
  // fresh read gives totals that agree with each other.
  const wasUnsaved = useRef(false);
  useEffect(() => {
    if (wasUnsaved.current && !unsaved) void qc.invalidateQueries({ queryKey: progressKey });
    wasUnsaved.current = unsaved;
    // progressKey is rebuilt every render; projectId is what it depends on.
  }, [unsaved, qc, projectId]);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const now = () => Date.now();
  return {
    current: state.items[0] as AnnotationItem | undefined,
    /** Nothing on screen and the server has nothing more. */
    done: state.items.length === 0 && state.exhausted,
    saving: state.pending.length,
    /** Pairs held locally, the one on screen included. */
    held: state.items.length,
    progress: progress.data,
    claimError: claim.error as Error | null,
    /** The project no longer lets this person label: removed from it, or it was archived or deleted. */
    closed,
    signedOutVotes,
    resent,
    /** Votes the server has not answered yet after at least one failed attempt: still being sent. */
    waiting: waiting.length,
    /** Sends the waiting votes now rather than after their back-off. */
    retryNow: waker.wake,
    retryClaim: () => claim.reset(),
    checkAgain: () => dispatch({ type: "recheck" }),
    /** Shows the next pair at once and sends the vote; resolves to whether it was recorded. */
    sendVote: (body: VoteBody): Promise<boolean> => {
      const shown = state.items[0];
      if (shown?.assignmentId === body.assignmentId) prompts.current.set(body.assignmentId, shown.prompt.text);
      dispatch({ type: "advance", assignmentId: body.assignmentId, now: now() });
      return vote.mutateAsync(body).then(
        () => true,
        () => false,
      );
    },
    sendSkip: (body: SkipBody) => {
      dispatch({ type: "advance", assignmentId: body.assignmentId, now: now() });
      skip.mutate(body);
    },
    /** Undoes a vote once it has landed; the pair comes back first in the queue. */
    undoVote: async (voteId: string, landed: Promise<boolean>) => {
      if (!(await landed)) throw new Error("That vote was not recorded, so there is nothing to undo");
      await undo.mutateAsync(voteId);
    },
  };
}
