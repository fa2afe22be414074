export const promptsKey = (projectId: string) => ["projects", projectId, "prompts"] as const;
export const importsKey = (projectId: string) => ["projects", projectId, "imports"] as const;
