export const runsKey = (projectId: string) => ["projects", projectId, "runs"] as const;
