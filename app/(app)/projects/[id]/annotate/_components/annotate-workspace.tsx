"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError } from "@/lib/api/client";
import { useSessionEnded } from "@/lib/api/session-ended";
import {
  buildVote,
  draftFor,
  emptyDraft,
  isSide,
  keyedDraftReducer,
  type Draft,
  type DraftAction,
} from "./draft-state";
import { GuidelinesDialog } from "@/components/annotation/guidelines-dialog";
import { isTypingTarget } from "@/components/annotation/typing-target";
import type { KeyAction } from "./keymap";
import { NothingLeft, ProjectClosed } from "./nothing-left";
import { PairView } from "./pair-view";
import { ResentNotice, SignedOutNotice, WaitingVotesNotice } from "./session-notices";
import { ProgressLine } from "./progress-line";
import { AnnotateShortcutsDialog } from "./shortcuts-dialog";
import { SkipDialog } from "./skip-dialog";
import type { Choice, Flag, NextResponse, Side } from "./types";
import { useAnnotateKeys } from "./use-annotate-keys";
import { useAnnotationQueue } from "./use-annotation-queue";
import { usePairTiming } from "./use-pair-timing";
import { useStatus } from "@/components/ui/use-status";
import { newVoteId } from "./vote-id";
import { WorkspaceToolbar } from "./workspace-toolbar";

const UNDO_MS = 60_000;

export interface AnnotateWorkspaceProps {
  projectId: string;
  /** The signed-in annotator: votes kept in the tab are theirs alone. */
  userId: string;
  guidelines: string;
  /** The first pairs and the progress, served with the page. */
  initial?: NextResponse;
}

export function AnnotateWorkspace({ projectId, userId, guidelines, initial }: AnnotateWorkspaceProps) {
  const [status, say] = useStatus();
  const queue = useAnnotationQueue({ userId, projectId }, say, initial);
  // Signed out, no pair is offered: a vote on it could only be refused.
  const signedOut = useSessionEnded();
  const current = signedOut || queue.closed ? undefined : queue.current;
  const id = current?.assignmentId;
  const [keyed, dispatchDraft] = useReducer(keyedDraftReducer, { forId: null, draft: emptyDraft });
  const draft = draftFor(keyed, id);
  const act = useCallback((action: DraftAction) => id && dispatchDraft({ forId: id, action }), [id]);
  const [dialog, setDialog] = useState<"skip" | "guidelines" | "help" | null>(null);
  const [diffOn, setDiffOn] = useState(false);
  // The passage is shown for the pair it was asked for; the next pair starts without it.
  const [passageFor, setPassageFor] = useState<string | null>(null);
  const passageOn = !!id && passageFor === id;
  const togglePassage = () => current?.source && setPassageFor((v) => (v === id ? null : (id ?? null)));
  const [editFocus, setEditFocus] = useState(0);
  // Once the annotator has moved on from a pair, each new pair takes focus (not on opening the page).
  const [movedOn, setMovedOn] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const lastVote = useRef<{
    voteId: string;
    at: number;
    landed: Promise<boolean>;
    draft: Draft;
    assignmentId: string;
  } | null>(null);

  const timing = usePairTiming(id);
  // What follows a vote, said once the vote is saved: by then the next pair (if any) is on screen.
  const afterVote = useRef("");
  useEffect(() => {
    afterVote.current = current ? " Next pair shown." : queue.done ? " Nothing left to label." : "";
  });

  // After Ctrl+Enter or Esc in a text box, keys are shortcuts again.
  const leaveTextBox = () => isTypingTarget(document.activeElement) && root.current?.focus();

  const submit = () => {
    timing.markSubmit();
    if (!current) return;
    const vote = buildVote(draft, current, newVoteId(), timing.elapsed());
    if (!vote) return act({ type: "ask-choice" });
    timing.submitted();
    leaveTextBox();
    // The Submit button is disabled for the next pair: keep focus on the page rather than nowhere.
    if (document.activeElement?.closest('[aria-keyshortcuts="Enter"]')) root.current?.focus();
    // Forget the draft (batched with the queue's advance): it comes back only through undo.
    dispatchDraft({ forId: "", action: { type: "reset" } });
    setMovedOn(true);
    const landed = queue.sendVote(vote);
    lastVote.current = { voteId: vote.voteId, at: Date.now(), landed, draft, assignmentId: current.assignmentId };
    // A vote that fails is announced by the queue; one undone meanwhile is not news.
    void landed.then(
      (saved) => saved && lastVote.current?.voteId === vote.voteId && say(`Vote saved.${afterVote.current}`),
    );
  };

  const startEdit = (side: Side) => {
    if (!current) return;
    act({ type: "start-edit", side, text: side === "LEFT" ? current.left.text : current.right.text });
    setEditFocus((n) => n + 1);
  };
  const choose = (c: Choice) => (draft.askingEditSide && isSide(c) ? startEdit(c) : act({ type: "choose", choice: c }));
  const edit = () => (isSide(draft.choice) ? startEdit(draft.choice) : act({ type: "ask-edit-side" }));

  const undo = async () => {
    if (signedOut) return;
    const last = lastVote.current;
    lastVote.current = null;
    if (!last) return say("Nothing to undo");
    if (Date.now() - last.at > UNDO_MS) return say("Too late to undo: a vote can be undone for 60 seconds");
    say("Undoing the last vote…");
    try {
      await queue.undoVote(last.voteId, last.landed);
      dispatchDraft({ forId: last.assignmentId, action: { type: "load", draft: last.draft } });
      setMovedOn(true);
      say("Vote undone: the pair is back as you left it; change your choice and press Enter");
    } catch (err) {
      say(
        err instanceof ApiClientError && err.status === 409
          ? "Too late to undo this vote"
          : `Could not undo: ${(err as Error).message}`,
      );
    }
  };

  const skip = (reason: string, flags: Flag[]) => {
    setDialog(null);
    if (!current) return;
    setMovedOn(true);
    queue.sendSkip({ assignmentId: current.assignmentId, reason, ...(flags.length ? { flags } : {}) });
    say("Skipped");
  };

  useAnnotateKeys((a: KeyAction) => {
    if (dialog) return false; // an open dialog handles its own keys
    switch (a.type) {
      case "escape":
        if (isTypingTarget(document.activeElement)) leaveTextBox();
        else if (draft.askingEditSide) act({ type: "cancel" });
        else return false;
        return true;
      case "guidelines":
      case "help":
        setDialog(a.type);
        return true;
      case "undo":
        void undo();
        return true;
    }
    if (!current) return false;
    if (a.type === "choose") choose(a.choice);
    else if (a.type === "strength") act({ type: "strength", strength: a.strength });
    else if (a.type === "submit") submit();
    else if (a.type === "skip") setDialog("skip");
    else if (a.type === "edit") edit();
    else if (a.type === "diff") setDiffOn((v) => !v);
    else if (a.type === "passage") togglePassage();
    return true;
  });

  const onFlag = useCallback((flag: Flag) => act({ type: "flag", flag }), [act]);
  const onRationale = useCallback((text: string) => act({ type: "rationale", text }), [act]);

  return (
    <div
      ref={root}
      tabIndex={-1}
      data-held={queue.held}
      // Focus comes here after Esc or Ctrl+Enter in a text box: the ring shows where it went.
      className="space-y-4 rounded-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-4 focus-visible:ring-offset-slate-50"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ProgressLine progress={queue.progress} saving={queue.saving} />
        <WorkspaceToolbar
          hasItem={!!current}
          diffOn={diffOn}
          onDiff={() => setDiffOn((v) => !v)}
          onEdit={edit}
          onSkip={() => setDialog("skip")}
          onUndo={() => void undo()}
          onGuidelines={() => setDialog("guidelines")}
          onHelp={() => setDialog("help")}
          passage={current?.source ? { on: passageOn, onToggle: togglePassage } : undefined}
        />
      </div>
      <p role="status" aria-live="polite" data-testid="annotate-status" className="min-h-5 text-sm text-indigo-700">
        {draft.needsChoice ? "Choose first (1, 2, T or X), then press Enter" : status}
      </p>
      <ResentNotice {...queue.resent} />
      <WaitingVotesNotice count={queue.waiting} onRetry={queue.retryNow} />
      {signedOut ? (
        <SignedOutNotice {...queue.signedOutVotes} />
      ) : queue.closed ? (
        <ProjectClosed />
      ) : current ? (
        <PairView
          item={current}
          draft={draft}
          diffOn={diffOn}
          passageOn={passageOn}
          editFocus={editFocus}
          takeFocus={movedOn}
          onChoose={choose}
          onStrength={(strength) => act({ type: "strength", strength })}
          onFlag={onFlag}
          onRationale={onRationale}
          onPickEditSide={startEdit}
          onEditText={(text) => act({ type: "edit-text", text })}
          onDiscardEdit={() => act({ type: "discard-edit" })}
          onCancelAsk={() => act({ type: "cancel" })}
          onSubmit={submit}
        />
      ) : queue.claimError ? (
        <Alert tone="error">
          Could not load the next pair: {queue.claimError.message}{" "}
          <Button variant="secondary" className="ml-2" onClick={queue.retryClaim}>
            Try again
          </Button>
        </Alert>
      ) : queue.done ? (
        <NothingLeft progress={queue.progress} onCheckAgain={queue.checkAgain} />
      ) : (
        <p className="text-sm text-slate-600">Loading the next pair…</p>
      )}
      {dialog === "skip" && current && (
        <SkipDialog initialFlags={draft.flags} onSkip={skip} onClose={() => setDialog(null)} />
      )}
      {dialog === "guidelines" && <GuidelinesDialog guidelines={guidelines} onClose={() => setDialog(null)} />}
      {dialog === "help" && <AnnotateShortcutsDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
