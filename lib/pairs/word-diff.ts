import { diffWords } from "diff";

export interface DiffSegment {
  text: string;
  /** Only in this side's answer. */
  changed: boolean;
}

export interface SideBySideDiff {
  left: DiffSegment[];
  right: DiffSegment[];
}

// Word diff is quadratic in the worst case; past this many edits the answers are simply different
// and a highlight would be noise, so we say so instead of freezing the page.
const MAX_EDIT_LENGTH = 2_000;

/** Word-level differences, split per column: the left keeps removals, the right additions. Null when too different. */
export function sideBySideDiff(left: string, right: string): SideBySideDiff | null {
  const changes = diffWords(left, right, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return null;
  const out: SideBySideDiff = { left: [], right: [] };
  for (const c of changes) {
    if (!c.added) push(out.left, c.value, c.removed);
    if (!c.removed) push(out.right, c.value, c.added);
  }
  return out;
}

function push(segments: DiffSegment[], text: string, changed: boolean) {
  const last = segments[segments.length - 1];
  if (last && last.changed === changed) last.text += text;
  else segments.push({ text, changed });
}
