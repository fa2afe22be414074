import { Markdown } from "@/components/markdown";
import { Dialog } from "@/components/ui/dialog";

export function GuidelinesDialog({ guidelines, onClose }: { guidelines: string; onClose: () => void }) {
  return (
    <Dialog title="Guidelines" onClose={onClose} className="max-w-2xl">
      <div className="max-h-[70vh] overflow-auto">
        {guidelines.trim() ? (
          <Markdown source={guidelines} />
        ) : (
          <p className="text-sm text-slate-600">This project has no guidelines yet.</p>
        )}
      </div>
    </Dialog>
  );
}
