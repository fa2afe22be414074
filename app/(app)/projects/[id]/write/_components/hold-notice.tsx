import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { HoldState } from "./hold";

export interface HoldNoticeProps {
  state: HoldState;
  deadline: number;
  lost?: string;
  keeping: boolean;
  onKeep: () => void;
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit" });

/** Says when the writer's hold on the prompt is about to end, or has, before someone else is served it. */
export function HoldNotice({ state, deadline, lost, keeping, onKeep }: HoldNoticeProps) {
  if (lost) return <Alert tone="error">{lost}. Copy your text before you go on.</Alert>;
  if (state === "held") return null;
  return (
    <Alert tone="error">
      <span className="flex flex-wrap items-center gap-2">
        {state === "ending"
          ? `Your hold on this prompt ends at ${clock(deadline)}, in under a minute: after that it can be given to another writer. Typing keeps it, or:`
          : "Your hold on this prompt has ended: it can be given to another writer. Until someone takes it, you can still keep it or submit."}
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={onKeep} disabled={keeping}>
          Keep this prompt
        </Button>
      </span>
    </Alert>
  );
}
