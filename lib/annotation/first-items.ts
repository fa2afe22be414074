import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { progressFor } from "./progress";
import { nextItems } from "./queue";
import { HELD_AHEAD, type AnnotationItem, type Progress } from "./schemas";

/**
 * What the Annotate page is served with: the pair on screen and the ones held ahead, and the
 * progress, read at once during the server render instead of by a fetch after hydration (the
 * first pair used to wait for the page, its scripts and then that round trip).
 */
export async function firstItems(
  projectId: string,
  user: Pick<SessionUser, "id" | "role">,
): Promise<{ items: AnnotationItem[]; progress: Progress }> {
  const [items, progress] = await Promise.all([
    nextItems(projectId, user.id, 1 + HELD_AHEAD, [], { preview: user.role === "ADMIN" }),
    progressFor(projectId, user),
  ]);
  return { items, progress };
}
