import { hash } from "node:crypto";
import type { PairLabel } from "@/lib/generated/prisma/enums";

/**
 * Whether the chosen answer of an imported pair is shown as A. Files usually list chosen first;
 * kept that way, annotators would learn that A wins. A hash of the project and the pair's key
 * decides instead: about half each way, and the same answer every time the pair is imported.
 */
export function chosenIsA(projectId: string, pairKey: string): boolean {
  return Number.parseInt(hash("sha256", `${projectId}:${pairKey}`, "hex").slice(0, 2), 16) < 128;
}

export function sourceLabel(projectId: string, pairKey: string): PairLabel {
  return chosenIsA(projectId, pairKey) ? "A" : "B";
}
