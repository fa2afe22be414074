import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { NotFoundError } from "@/lib/errors";
import type { RoleName } from "@/lib/users/schemas";
import { getProjectDetail } from "./projects";

/**
 * For pages: the project the user may see, or the 404 page. Cached per request (keyed by the
 * arguments, hence plain strings), so the project layout and its page read it once.
 */
export const getProjectForPage = cache(async (projectId: string, userId: string, role: RoleName) => {
  try {
    return await getProjectDetail(projectId, { id: userId, role });
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
});
