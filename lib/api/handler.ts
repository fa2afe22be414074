import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { resolveCaller, type Caller } from "@/lib/auth/caller";
import type { Project } from "@/lib/generated/prisma/client";
import type { RoleName } from "@/lib/users/schemas";
import { checkCsrf } from "./csrf";
import { forbidden, parseQuery, unauthorized } from "./errors";
import { refuseUnstorableInUrl, refuseUnstorableText } from "./input-guard";
import { projectForRoute, type ProjectAccess } from "./project-access";
import { checkTokenAccess } from "./token-access";
import { toResponse } from "./to-response";
import { parseJson, readUtf8Body } from "./json-body";

type Access = "public" | "user" | RoleName;

interface HandlerOptions<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  /**
   * Who may call: anyone (no session is read), any signed-in user, or a signed-in user with this
   * role. Signed in means a session cookie or an `Authorization: Bearer` API token.
   */
  access: Access;
  /**
   * For routes under /api/projects/[id]: the access the caller needs to the project named by the
   * `id` param (lib/api/project-access.ts). Checked after the role and before the query and body
   * are read, so a caller without access learns nothing from validation errors; the handler gets
   * the project as `project`.
   */
  project?: ProjectAccess;
  /** Refuse API tokens: for what a leaked token must not do (managing users and tokens). */
  sessionOnly?: boolean;
  /** The body is a file upload (lib/api/upload.ts): accepts file content types, not only JSON. */
  upload?: boolean;
  /**
   * A GET that records something (an export stores its snapshot). A link can send it, so one a
   * browser says comes from another site's page is refused (lib/api/csrf.ts).
   */
  recordsOnGet?: boolean;
  body?: B;
  query?: Q;
  params?: P;
}

export interface HandlerContext<B, Q, P, U, J = undefined> {
  req: Request;
  user: U;
  /** The route's project, when the options name a `project` access. */
  project: J extends ProjectAccess ? Project : undefined;
  body: B;
  query: Q;
  params: P;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type UserFor<A extends Access> = A extends "public" ? null : Caller;

/**
 * The largest JSON body a route reads (files have their own limits: see ./upload.ts). Far above
 * any form's, and the size Next.js capped bodies at when its proxy read them.
 */
export const JSON_BODY_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The body as JSON, read as it arrives and refused with 413 past JSON_BODY_MAX_BYTES, or with 400
 * when it is not UTF-8 (./json-body.ts).
 */
async function readJson(req: Request): Promise<unknown> {
  const text = await readUtf8Body(req, JSON_BODY_MAX_BYTES);
  return text ? parseJson(text) : {};
}

/**
 * A body schema that refuses keys it does not know (422 naming them) instead of dropping them: a
 * misspelt field (`{"guideline": …}`) or one the route does not take (`expiresAt` on a token)
 * would otherwise answer 200 and change nothing. Objects nested in the body are left as they are.
 */
function refusingUnknownKeys<B extends z.ZodType>(schema: B | undefined): B | undefined {
  return schema instanceof z.ZodObject ? (schema.strict() as unknown as B) : schema;
}

const NO_QUERY = z.object({});

/**
 * The one wrapper every route handler goes through: resolves the session, checks the role and
 * the project access, parses body/query/params with zod, and maps errors (lib/api/to-response.ts)
 * to `{ error: { code, message } }`.
 */
export function handler<
  A extends Access,
  B extends z.ZodType = never,
  Q extends z.ZodType = never,
  P extends z.ZodType = never,
  R = unknown,
  J extends ProjectAccess | undefined = undefined,
>(
  options: HandlerOptions<B, Q, P> & { access: A; project?: J },
  fn: (ctx: HandlerContext<Out<B>, Out<Q>, Out<P>, UserFor<A>, J>) => Promise<R> | R,
) {
  const bodySchema = refusingUnknownKeys(options.body);
  const wrapped = async (req: Request, route?: { params?: Promise<Record<string, string | string[]>> }) => {
    try {
      checkCsrf(req, { upload: options.upload, recordsOnGet: options.recordsOnGet });
      // Public routes (health, say) must answer without touching sessions or the database.
      const user = options.access === "public" ? null : await resolveCaller(req);
      if (options.access !== "public") {
        if (!user) throw unauthorized();
        checkTokenAccess(req, user, options.sessionOnly);
        if (options.access !== "user" && user.role !== options.access) throw forbidden();
      }
      const rawParams = (await route?.params) ?? {};
      refuseUnstorableInUrl(req, rawParams);
      const params = options.params ? options.params.parse(rawParams, { reportInput: true }) : undefined;
      const project = options.project && user ? await projectForRoute(options.project, rawParams, user) : undefined;
      // A route that declares no query takes none: a parameter sent to it is refused, not ignored.
      // Uploads read theirs beside the body they describe (lib/api/import-request.ts).
      const query = options.query || !options.upload ? parseQuery(options.query ?? NO_QUERY, req) : undefined;
      const body = bodySchema
        ? bodySchema.parse(refuseUnstorableText(await readJson(req)), { reportInput: true })
        : undefined;
      const result = await fn({ req, user: user as UserFor<A>, project, body, query, params } as HandlerContext<
        Out<B>,
        Out<Q>,
        Out<P>,
        UserFor<A>,
        J
      >);
      return result instanceof Response ? result : NextResponse.json(result ?? null);
    } catch (err) {
      return toResponse(err);
    }
  };
  // What the route declared, for the route matrix test (lib/security/route-matrix.test.ts).
  return Object.assign(wrapped, { access: options.access, project: options.project });
}
