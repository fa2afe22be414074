// What a browser page of ours sends with a JSON request: route tests add these so that the
// cross-site request check (lib/api/csrf.ts) lets them through, as it does the app's own fetches.
export const TEST_ORIGIN = "http://test";

export const sameOriginJson = { origin: TEST_ORIGIN, "content-type": "application/json" } as const;
