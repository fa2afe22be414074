import { ShortcutsDialog } from "@/components/ui/shortcuts-dialog";

const SHORTCUTS: [string, string][] = [
  ["1 or A", "A is better"],
  ["2 or B", "B is better"],
  ["T", "Tie"],
  ["X", "Both are bad"],
  ["Shift+1 / Shift+2", "Slightly / clearly better"],
  ["Enter", "Submit the selected choice (choosing only selects)"],
  ["Ctrl+Enter", "Submit, also from a text box"],
  ["S", "Skip with a reason"],
  ["E", "Edit the preferred answer to improve it"],
  ["D", "Show or hide the differences"],
  ["P", "Show or hide the source passage (pairs from a document)"],
  ["U", "Undo the last vote (within 60 s)"],
  ["G", "Guidelines"],
  ["?", "This list"],
  ["Esc", "Close a dialog, leave a text box"],
];

export function AnnotateShortcutsDialog({ onClose }: { onClose: () => void }) {
  return <ShortcutsDialog shortcuts={SHORTCUTS} onClose={onClose} />;
}
