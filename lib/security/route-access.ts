// Who may call each API route, one entry per route file (under app/api, without `/route.ts`)
// and exported method. The route matrix test (route-matrix.test.ts) lists the route files and
// fails, naming it, for any route or method missing here: a new route cannot ship without
// saying who may call it.

export const CALLERS = ["anonymous", "member", "outsider", "admin", "tokenRead", "tokenFull"] as const;
/**
 * anonymous: no session, no token. member / outsider: annotators inside / outside the seeded
 * project. admin: an admin's browser session. tokenRead / tokenFull: that admin's API tokens,
 * read-only and full (see TOKEN_SCOPES below).
 */
export type CallerName = (typeof CALLERS)[number];

/**
 * public: anyone. user: anyone signed in. member: the project's members and admins (others get
 * the project's 404). projectAdmin: signed-in users reach the project check, so outsiders get 404
 * and members 403. admin: admins only (annotators 403). adminSession: an admin in the browser,
 * never an API token. external: not our wrapper (next-auth's own routes), not called here.
 */
export type Access = "public" | "user" | "member" | "projectAdmin" | "admin" | "adminSession" | "external";

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export const ROUTE_ACCESS: Record<string, Partial<Record<Method, Access>>> = {
  "admin/endpoints": { GET: "admin", POST: "admin" },
  "admin/endpoints/[id]": { PATCH: "admin" },
  "admin/endpoints/[id]/test": { POST: "admin" },
  "admin/users": { GET: "admin", POST: "admin" },
  "admin/users/[id]": { PATCH: "admin" },
  "auth/[...nextauth]": { GET: "external", POST: "external" },
  health: { GET: "public" },
  me: { GET: "user" },
  projects: { GET: "user", POST: "admin" },
  "projects/[id]": { GET: "member", PATCH: "admin" },
  "projects/[id]/annotate/next": { POST: "member" },
  "projects/[id]/annotate/progress": { GET: "member" },
  "projects/[id]/annotate/skips": { POST: "member" },
  "projects/[id]/annotate/votes": { POST: "member" },
  "projects/[id]/annotate/votes/[voteId]": { DELETE: "member" },
  "projects/[id]/disagreements": { GET: "admin" },
  "projects/[id]/documents": { GET: "admin", POST: "admin" },
  "projects/[id]/documents/[documentId]": { GET: "admin", DELETE: "admin" },
  "projects/[id]/documents/preview": { POST: "admin" },
  "projects/[id]/documents/settings": { GET: "admin", PUT: "admin" },
  "projects/[id]/documents/runs": { POST: "admin" },
  "projects/[id]/documents/runs/[runId]/funnel": { GET: "admin" },
  "projects/[id]/documents/runs/[runId]/items": { GET: "admin", PATCH: "admin" },
  "projects/[id]/documents/runs/[runId]/prompts": { POST: "admin" },
  "projects/[id]/endpoints": { GET: "admin", PUT: "admin" },
  "projects/[id]/export": { GET: "admin", HEAD: "admin" },
  "projects/[id]/export/preview": { GET: "admin" },
  "projects/[id]/exports": { GET: "admin" },
  "projects/[id]/exports/[snapshotId]": { GET: "admin", DELETE: "admin" },
  "projects/[id]/exports/[snapshotId]/card": { GET: "admin" },
  "projects/[id]/exports/[snapshotId]/file": { GET: "admin", HEAD: "admin" },
  "projects/[id]/imports": { GET: "admin" },
  "projects/[id]/imports/[importId]": { GET: "admin", DELETE: "admin" },
  "projects/[id]/imports/pairs": { POST: "admin" },
  "projects/[id]/imports/preview": { POST: "admin" },
  "projects/[id]/imports/prompts": { POST: "admin" },
  "projects/[id]/judging/runs": { GET: "admin", POST: "admin" },
  "projects/[id]/members": { GET: "admin", POST: "admin" },
  "projects/[id]/members/[userId]": { DELETE: "admin" },
  "projects/[id]/reservations": { GET: "admin", POST: "admin", DELETE: "admin" },
  "projects/[id]/metrics": { GET: "projectAdmin" },
  "projects/[id]/pairs": { GET: "admin" },
  "projects/[id]/pairs/[pairId]": { GET: "admin" },
  "projects/[id]/pairs/[pairId]/gold": { PUT: "admin", DELETE: "admin" },
  "projects/[id]/pairs/[pairId]/review": { GET: "admin", PUT: "admin" },
  "projects/[id]/prompts": { GET: "admin" },
  "projects/[id]/prompts/[promptId]": { GET: "admin" },
  "projects/[id]/runs": { GET: "admin", POST: "admin" },
  "projects/[id]/runs/[runId]": { GET: "admin", PATCH: "admin" },
  "projects/[id]/runs/[runId]/failed": { GET: "admin" },
  "projects/[id]/write/answers": { POST: "member" },
  "projects/[id]/write/holds": { POST: "member" },
  "projects/[id]/write/next": { POST: "member" },
  "projects/[id]/write/skips": { POST: "member" },
  tokens: { GET: "adminSession", POST: "adminSession" },
  "tokens/[id]": { DELETE: "adminSession" },
};

/**
 * What token scopes take away, in one place: a read-only token is refused (403) every method but
 * GET and HEAD, and no token may create users or change them (passwords, roles). Managing tokens is
 * refused to tokens by the routes' access (adminSession).
 */
export const TOKEN_SCOPES = {
  readTokenMethods: ["GET", "HEAD"] as Method[],
  forbiddenToAnyToken: [
    ["admin/users", "POST"],
    ["admin/users/[id]", "PATCH"],
  ] as [string, Method][],
};

/**
 * The project access (lib/api/project-access.ts) a route under projects/[id] must declare in the
 * wrapper: the project's members for `member` routes, admins of the project for the others.
 */
export function projectAccessFor(route: string, access: Access): "member" | "admin" | undefined {
  if (!route.startsWith("projects/[id]")) return undefined;
  return access === "member" ? "member" : "admin";
}

export type Expected = "allowed" | 401 | 403 | 404;

/** What `caller` should get from a route of this access. */
export function expectedFor(route: string, method: Method, access: Access, caller: CallerName): Expected {
  if (access === "public" || access === "external") return "allowed";
  if (caller === "anonymous") return 401;
  const token = caller === "tokenRead" || caller === "tokenFull";
  if (token) {
    if (caller === "tokenRead" && !TOKEN_SCOPES.readTokenMethods.includes(method)) return 403;
    if (TOKEN_SCOPES.forbiddenToAnyToken.some(([r, m]) => r === route && m === method)) return 403;
  }
  if (access === "user") return "allowed";
  if (access === "adminSession") return caller === "admin" ? "allowed" : 403;
  if (caller === "admin" || token) return "allowed";
  if (access === "admin") return 403;
  if (access === "projectAdmin") return caller === "member" ? 403 : 404;
  return caller === "member" ? "allowed" : 404; // member
}
