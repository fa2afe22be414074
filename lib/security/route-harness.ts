import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { createTestEndpoint, createTestUser } from "@/lib/testing/factories";
import { TEST_ORIGIN } from "@/lib/testing/requests";
import { createToken } from "@/lib/tokens/tokens";
import type { CallerName, Method } from "./route-access";

// Drives the real route handlers of app/api, against the test's own database, for the route
// matrix and the fuzzing tests. The session is whatever the test file's mock of
// @/lib/auth/session returns; tokens go in the Authorization header as scripts send them.

const API_DIR = path.join(process.cwd(), "app", "api");
export const METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/** Every route file under app/api, as its path without `/route.ts` ("projects/[id]/export"). */
export function listRouteFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listRouteFiles(full);
      return entry.name === "route.ts" ? [path.relative(API_DIR, path.dirname(full)).split(path.sep).join("/")] : [];
    })
    .sort();
}

export type RouteHandler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

/** The methods a route file exports, with their handlers. */
export async function loadRoute(route: string): Promise<Partial<Record<Method, RouteHandler>>> {
  const mod = (await import(/* @vite-ignore */ path.join(API_DIR, route, "route.ts"))) as Record<string, unknown>;
  return Object.fromEntries(METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m]])) as Partial<
    Record<Method, RouteHandler>
  >;
}

export interface Fixtures {
  projectId: string;
  pairId: string;
  promptId: string;
  runId: string;
  snapshotId: string;
  endpointId: string;
  users: Record<"admin" | "member" | "outsider", SessionUser>;
  tokens: { tokenRead: string; tokenFull: string };
}

const asSession = (u: { id: string; email: string; role: "ADMIN" | "ANNOTATOR" }): SessionUser => ({
  id: u.id,
  email: u.email,
  name: null,
  role: u.role,
});

/** One project with pairs, a member and an outsider, an endpoint, a run and an export snapshot. */
export async function seedFixtures(setSession: (user: SessionUser | null) => void): Promise<Fixtures> {
  const { project, pair } = await exportProject("HUMAN");
  const pairs = [];
  for (let i = 0; i < 3; i++) pairs.push(await pair({ votes: [{ choice: "A" }] }));
  await pair();
  const admin = asSession(await db.user.findUniqueOrThrow({ where: { id: project.createdById } }));
  const member = asSession(await createTestUser());
  const outsider = asSession(await createTestUser());
  await db.projectMember.create({ data: { projectId: project.id, userId: member.id } });
  const endpoint = await createTestEndpoint();
  const run = await db.run.create({ data: { projectId: project.id, createdById: admin.id, status: "PAUSED" } });
  // The snapshot is made the way users make one: by downloading an export.
  setSession(admin);
  const { GET } = await loadRoute("projects/[id]/export");
  const res = await GET!(new Request("http://test/api/export"), { params: Promise.resolve({ id: project.id }) });
  await res.arrayBuffer();
  setSession(null);
  // Scoped tokens do not exist yet: both are full tokens of the admin (see TOKEN_SCOPES).
  const tokenRead = (await createToken(admin.id, "matrix read", "READ")).token;
  const tokenFull = (await createToken(admin.id, "matrix full")).token;
  return {
    projectId: project.id,
    pairId: pairs[0]!.id,
    promptId: pairs[0]!.promptId,
    runId: run.id,
    snapshotId: res.headers.get("x-pairwise-snapshot")!,
    endpointId: endpoint.id,
    users: { admin, member, outsider },
    tokens: { tokenRead, tokenFull },
  };
}

export interface RouteInput {
  params: Record<string, string | string[]>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body (imports take the file itself). */
  rawBody?: string;
}

const unique = () => randomUUID().slice(0, 8);

/** An import batch of the seeded project with no rows: each DELETE takes a fresh one. */
async function emptyImport(fx: Fixtures): Promise<string> {
  const batch = await db.importBatch.create({
    data: {
      projectId: fx.projectId,
      kind: "PROMPTS",
      format: "text",
      total: 0,
      imported: 0,
      invalid: 0,
      duplicates: 0,
      createdById: fx.users.admin.id,
    },
  });
  return batch.id;
}

/** A document of the seeded project: each GET or DELETE takes a fresh one. */
async function freshDocument(fx: Fixtures): Promise<string> {
  const text = `A document ${unique()}.`;
  const document = await db.document.create({
    data: {
      projectId: fx.projectId,
      title: "Matrix document",
      format: "TEXT",
      rawText: text,
      cleanText: text,
      checksum: randomUUID(),
      byteSize: text.length,
      createdById: fx.users.admin.id,
    },
  });
  return document.id;
}

/** Valid input for each route and method: fresh records where the call uses one up. */
export async function routeInput(route: string, method: Method, fx: Fixtures, caller: CallerName): Promise<RouteInput> {
  const params: Record<string, string | string[]> = {};
  if (route.startsWith("projects/[id]")) params.id = fx.projectId;
  if (route.includes("[pairId]")) params.pairId = fx.pairId;
  if (route.includes("[promptId]")) params.promptId = fx.promptId;
  if (route.includes("[runId]")) params.runId = fx.runId;
  if (route.includes("[snapshotId]")) params.snapshotId = fx.snapshotId;
  if (route.includes("[voteId]")) params.voteId = randomUUID();
  if (route.includes("[importId]")) params.importId = await emptyImport(fx);
  if (route.includes("[documentId]")) params.documentId = await freshDocument(fx);
  if (route.startsWith("admin/endpoints/[id]")) params.id = fx.endpointId;
  if (route === "auth/[...nextauth]") params.nextauth = ["session"];
  switch (`${method} ${route}`) {
    case "PATCH admin/endpoints/[id]":
      return { params, body: { temperature: 0.5 } };
    case "POST admin/endpoints":
      return {
        params,
        body: { name: `ep-${unique()}`, provider: "OPENAI_COMPATIBLE", baseUrl: "http://127.0.0.1:9/v1", modelId: "m" },
      };
    case "POST admin/users":
      return {
        params,
        body: { email: `new-${unique()}@example.test`, password: "a-long-password-123", role: "ANNOTATOR" },
      };
    case "PATCH admin/users/[id]":
      return { params: { id: (await createTestUser()).id }, body: { name: "Renamed" } };
    case "POST projects":
      return { params, body: { name: `Project ${unique()}`, generationMode: "IMPORTED" } };
    case "PATCH projects/[id]":
      return { params, body: { guidelines: `Guidelines ${caller}` } };
    case "POST projects/[id]/annotate/next":
      return { params, body: { count: 1 } };
    case "POST projects/[id]/annotate/skips":
      return { params, body: { assignmentId: randomUUID(), reason: "unclear" } };
    case "POST projects/[id]/annotate/votes":
      return { params, body: { voteId: randomUUID(), assignmentId: randomUUID(), choice: "LEFT", timeOnItemMs: 1000 } };
    case "POST projects/[id]/documents":
      return { params, body: { pasted: [{ title: "Pasted", text: `Pasted text ${unique()}.` }] } };
    case "POST projects/[id]/documents/preview":
    case "PUT projects/[id]/documents/settings":
      return { params, body: { minChars: 1000, maxChars: 2000, overlapSentences: 0, shortDocuments: "KEEP" } };
    case "POST projects/[id]/write/next":
      return { params, body: {} };
    case "POST projects/[id]/write/answers":
      return {
        params,
        body: { assignmentId: randomUUID(), text: "An answer long enough to pass.", timeTakenMs: 1000 },
      };
    case "POST projects/[id]/write/skips":
      return { params, body: { assignmentId: randomUUID(), reason: "unclear" } };
    case "POST projects/[id]/write/holds":
      return { params, body: { assignmentId: randomUUID() } };
    case "POST projects/[id]/documents/runs":
      return { params, body: { mode: "PREFERENCES", generatorEndpointId: fx.endpointId } };
    case "PATCH projects/[id]/documents/runs/[runId]/items":
      return { params, body: { itemId: randomUUID(), action: "drop" } };
    case "POST projects/[id]/documents/runs/[runId]/prompts":
      return { params, body: { newProjectName: `From documents ${unique()}` } };
    case "PUT projects/[id]/endpoints":
      return { params, body: {} };
    case "POST projects/[id]/imports/pairs":
      return {
        params,
        body: { text: JSON.stringify({ prompt: `p ${unique()}`, chosen: "a", rejected: "b" }), format: "jsonl" },
      };
    case "POST projects/[id]/imports/prompts":
      return { params, body: { text: `prompt ${unique()}`, format: "text" } };
    case "POST projects/[id]/imports/preview":
      return { params, query: { format: "text" }, rawBody: "one prompt\nanother\n" };
    case "POST projects/[id]/judging/runs":
      return { params, body: {} };
    case "POST projects/[id]/reservations":
      return { params, body: { userIds: [fx.users.member.id], amount: 10, unit: "percent" } };
    case "POST projects/[id]/members":
      return { params, body: { userId: (await createTestUser()).id } };
    case "DELETE projects/[id]/members/[userId]": {
      const user = await createTestUser();
      await db.projectMember.create({ data: { projectId: fx.projectId, userId: user.id } });
      return { params: { ...params, userId: user.id } };
    }
    case "GET projects/[id]/pairs":
    case "GET projects/[id]/disagreements":
      return {
        params,
        query: { q: "prompt OR answer", outcome: "A", unresolved: "1", from: "2020-01-01", limit: "10" },
      };
    case "PUT projects/[id]/pairs/[pairId]/gold":
      return { params, body: { label: "B" } };
    case "PUT projects/[id]/pairs/[pairId]/review":
      return { params, body: { label: "A", reason: "clearer" } };
    case "PATCH projects/[id]/runs/[runId]":
      return { params, body: { action: "pause" } };
    case "POST tokens":
      return { params, body: { name: `token ${unique()}` } };
    case "DELETE tokens/[id]":
      return { params: { id: (await createToken(fx.users.admin.id, `to revoke ${unique()}`)).record.id } };
    default:
      return { params };
  }
}

/** Calls a handler the way Next.js does, as `caller`. */
export async function callRoute(
  handler: RouteHandler,
  method: Method,
  input: RouteInput,
  caller: CallerName,
  fx: Fixtures,
  setSession: (user: SessionUser | null) => void,
  contentType?: string,
): Promise<Response> {
  // The app's own pages send their Origin (lib/api/csrf.ts); the matrix is about who, not where from.
  const headers: Record<string, string> = { origin: TEST_ORIGIN };
  setSession(caller === "member" || caller === "outsider" || caller === "admin" ? fx.users[caller] : null);
  if (caller === "tokenRead" || caller === "tokenFull") headers.authorization = `Bearer ${fx.tokens[caller]}`;
  const url = new URL("http://test/api/route");
  for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.set(k, v);
  let body: string | undefined;
  if (input.rawBody !== undefined) {
    body = input.rawBody;
    headers["content-type"] = contentType ?? "application/octet-stream";
  } else if (input.body !== undefined && method !== "GET" && method !== "HEAD") {
    body = JSON.stringify(input.body);
    headers["content-type"] = contentType ?? "application/json";
  }
  const req = new Request(url, { method, headers, body });
  return handler(req, { params: Promise.resolve(input.params) });
}
