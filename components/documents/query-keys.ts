export const documentsKey = (projectId: string) => ["projects", projectId, "documents"] as const;
export const documentKey = (projectId: string, documentId: string) =>
  ["projects", projectId, "documents", documentId] as const;
