"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { ProjectMemberView } from "@/lib/projects/types";
import { projectMembersKey } from "../../../_components/query-keys";

/**
 * The project's members, one query for every panel that shows them: a member added or removed
 * on the Members panel (which refreshes this key) shows at once wherever members are listed.
 */
export function useProjectMembers(projectId: string, initialMembers: ProjectMemberView[]) {
  return useQuery({
    queryKey: projectMembersKey(projectId),
    queryFn: async () =>
      (await apiFetch<{ members: ProjectMemberView[] }>(`/api/projects/${projectId}/members`)).members,
    initialData: initialMembers,
  }).data;
}
