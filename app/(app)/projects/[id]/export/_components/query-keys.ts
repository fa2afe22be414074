export const exportPreviewKey = (projectId: string, query: string) =>
  ["projects", projectId, "export-preview", query] as const;
export const exportsKey = (projectId: string) => ["projects", projectId, "exports"] as const;
