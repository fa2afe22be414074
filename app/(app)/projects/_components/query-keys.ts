export const projectKey = (id: string) => ["projects", id] as const;
export const projectMembersKey = (id: string) => ["projects", id, "members"] as const;
export const projectEndpointsKey = (id: string) => ["projects", id, "endpoints"] as const;
