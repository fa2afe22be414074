import { Dialog } from "./dialog";

/** The "?" list of a keyboard-driven page: each row a key (or keys) and what it does. */
export function ShortcutsDialog({
  shortcuts,
  onClose,
}: {
  shortcuts: ReadonlyArray<readonly [keys: string, what: string]>;
  onClose: () => void;
}) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-sm">
        <tbody>
          {shortcuts.map(([keys, what]) => (
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
