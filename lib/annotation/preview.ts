import "server-only";
import { createHash } from "node:crypto";

// An admin's preview of a pair stands in for an assignment until they vote or skip. Its id names
// the pair, so the vote can claim the slot then; it is not secret (admins may see every pair).
const PREFIX = "preview:";

export const previewId = (pairId: string) => `${PREFIX}${pairId}`;

/** The pair a preview id names, or null for a real assignment id. */
export const previewPairId = (id: string): string | null => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : null);

/**
 * The sides a preview shows: fixed per pair and admin, so the vote's sides are known without
 * storing anything and without telling the browser which answer is candidate A (in implicit
 * projects that is the strong model's).
 */
export function previewLeftIsA(pairId: string, userId: string): boolean {
  return (createHash("sha256").update(`${pairId}\0${userId}`).digest()[0]! & 1) === 1;
}
