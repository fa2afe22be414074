import { useEffect, useMemo, useRef } from "react";
import { AnswerColumn } from "./answer-column";
import { ChoiceBar } from "./choice-bar";
import type { Draft } from "./draft-state";
import { EditPanel } from "./edit-panel";
import { PromptCard } from "@/components/annotation/prompt-card";
import { SourcePassage } from "./source-passage";
import type { AnnotationItem, Choice, Flag, Side, Strength } from "./types";
import { VoteExtras } from "./vote-extras";
import { sideBySideDiff } from "@/lib/pairs/word-diff";

export interface PairViewProps {
  item: AnnotationItem;
  draft: Draft;
  diffOn: boolean;
  /** Show the source passage (only pairs from a document have one). */
  passageOn?: boolean;
  editFocus: number;
  /** Move focus to the prompt's heading whenever another pair is shown (after a vote, skip or undo). */
  takeFocus?: boolean;
  onChoose: (c: Choice) => void;
  onStrength: (s: Strength) => void;
  onFlag: (f: Flag) => void;
  onRationale: (text: string) => void;
  onPickEditSide: (side: Side) => void;
  onEditText: (text: string) => void;
  onDiscardEdit: () => void;
  onCancelAsk: () => void;
  onSubmit: () => void;
}

export function PairView(p: PairViewProps) {
  const { item, draft } = p;
  // Only computed while the diff is shown: a word diff of two long answers is not free.
  const diff = useMemo(
    () => (p.diffOn ? sideBySideDiff(item.left.text, item.right.text) : undefined),
    [p.diffOn, item],
  );
  const box = useRef<HTMLDivElement>(null);
  const { takeFocus } = p;
  useEffect(() => {
    // Otherwise focus stays on a control of the previous pair, now the new pair's (Enter would toggle its flag).
    if (takeFocus) box.current?.querySelector<HTMLElement>("[data-prompt-heading]")?.focus();
    // takeFocus turns on once, with the first move to another pair: it is the pair that moves focus.
  }, [item.assignmentId, takeFocus]);
  return (
    <div ref={box} className="space-y-4" data-testid="annotate-pair" data-assignment={item.assignmentId}>
      <PromptCard prompt={item.prompt} />
      {p.passageOn && item.source && <SourcePassage source={item.source} />}
      <div className="grid gap-4 md:grid-cols-2">
        <AnswerColumn label="A" text={item.left.text} diff={diff && diff.left} selected={draft.choice === "LEFT"} />
        <AnswerColumn label="B" text={item.right.text} diff={diff && diff.right} selected={draft.choice === "RIGHT"} />
      </div>
      <EditPanel
        draft={draft}
        focusToken={p.editFocus}
        onPickSide={p.onPickEditSide}
        onText={p.onEditText}
        onDiscard={p.onDiscardEdit}
        onCancelAsk={p.onCancelAsk}
      />
      <ChoiceBar draft={draft} onChoose={p.onChoose} onStrength={p.onStrength} onSubmit={p.onSubmit} />
      <VoteExtras flags={draft.flags} rationale={draft.rationale} onFlag={p.onFlag} onRationale={p.onRationale} />
    </div>
  );
}
