import { Dialog } from "@/components/ui/dialog";

const rows: [string, string][] = [
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

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-sm">
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-4 text-left font-mono text-xs font-medium whitespace-nowrap">
                {keys}
              </th>
              <td className="py-1 text-slate-700">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
