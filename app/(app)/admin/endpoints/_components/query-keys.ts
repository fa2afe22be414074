export const ENDPOINTS_KEY = ["admin", "endpoints"] as const;
