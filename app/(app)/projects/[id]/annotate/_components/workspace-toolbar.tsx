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
}: WorkspaceToolbarProps) {
  return (
    <div role="toolbar" aria-label="Pair tools" className="flex flex-wrap gap-2">
      <ToggleButton label="Differences" shortcut="D" pressed={diffOn} onClick={onDiff} disabled={!hasItem} />
      <ToggleButton label="Edit to improve" shortcut="E" onClick={onEdit} disabled={!hasItem} />
      <ToggleButton label="Skip" shortcut="S" onClick={onSkip} disabled={!hasItem} />
      <ToggleButton label="Undo" shortcut="U" onClick={onUndo} />
      <ToggleButton label="Guidelines" shortcut="G" onClick={onGuidelines} />
      <ToggleButton label="Shortcuts" shortcut="?" onClick={onHelp} />
    </div>
  );
}
