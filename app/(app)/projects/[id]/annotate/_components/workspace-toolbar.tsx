import { ToggleButton } from "./toggle-button";

export interface WorkspaceToolbarProps {
  hasItem: boolean;
  diffOn: boolean;
  onDiff: () => void;
  onEdit: () => void;
  onSkip: () => void;
  onUndo: () => void;
  onGuidelines: () => void;
  onHelp: () => void;
  /** Only for a pair from a document: its source passage, shown or hidden. */
  passage?: { on: boolean; onToggle: () => void };
}

export function WorkspaceToolbar({
  hasItem,
  diffOn,
  onDiff,
  onEdit,
  onSkip,
  onUndo,
  onGuidelines,
  onHelp,
  passage,
}: WorkspaceToolbarProps) {
  return (
    <div role="toolbar" aria-label="Pair tools" className="flex flex-wrap gap-2">
      <ToggleButton label="Differences" shortcut="D" pressed={diffOn} onClick={onDiff} disabled={!hasItem} />
      {passage && <ToggleButton label="Source passage" shortcut="P" pressed={passage.on} onClick={passage.onToggle} />}
      <ToggleButton label="Edit to improve" shortcut="E" onClick={onEdit} disabled={!hasItem} />
      <ToggleButton label="Skip" shortcut="S" onClick={onSkip} disabled={!hasItem} />
      <ToggleButton label="Undo" shortcut="U" onClick={onUndo} />
      <ToggleButton label="Guidelines" shortcut="G" onClick={onGuidelines} />
      <ToggleButton label="Shortcuts" shortcut="?" onClick={onHelp} />
    </div>
  );
}
