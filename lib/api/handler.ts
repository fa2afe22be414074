import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { checkTokenAccess, resolveCaller, type Caller } from "@/lib/auth/caller";
import type { RoleName } from "@/lib/users/schemas";
import { checkCsrf } from "./csrf";
import { ApiError, errorBody, forbidden, unauthorized, validationBody } from "./errors";
import { refuseUnstorableInUrl, refuseUnstorableText } from "./input-guard";

type Access = "public" | "user" | RoleName;

interface HandlerOptions<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  /**
   * Who may call: anyone (no session is read), any signed-in user, or a signed-in user with this
   * role. Signed in means a session cookie or an `Authorization: Bearer` API token.
   */
  access: Access;
  /** Refuse API tokens: for what a leaked token must not do (managing users and tokens). */
  sessionOnly?: boolean;
  /** The body is a file upload (lib/api/upload.ts): accepts file content types, not only JSON. */
  upload?: boolean;
  body?: B;
  query?: Q;
  params?: P;
}

export interface HandlerContext<B, Q, P, U> {
  req: Request;
  user: U;
  body: B;
  query: Q;
  params: P;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type UserFor<A extends Access> = A extends "public" ? null : Caller;

interface PrismaLikeError {
  code?: string;
  meta?: {
    target?: unknown;
    // With a driver adapter the fields come from the adapter's error, not `target`.
    driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } };
  };
}

function conflictFields(err: PrismaLikeError): string {
  const fields = err.meta?.driverAdapterError?.cause?.constraint?.fields ?? err.meta?.target;
  return Array.isArray(fields) ? fields.join(", ") : typeof fields === "string" ? fields : "value";
}

function toResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) {
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status, headers: err.headers });
  }
  if (err instanceof z.ZodError) return NextResponse.json(validationBody(err), { status: 422 });
  const code = (err as PrismaLikeError)?.code;
  if (code === "P2002") {
    const what = conflictFields(err as PrismaLikeError);
    return NextResponse.json(errorBody("conflict", `A record with this ${what} already exists`), { status: 409 });
  }
  if (code === "P2025") return NextResponse.json(errorBody("not_found", "Resource not found"), { status: 404 });
  // The real error stays in the server log; the caller gets nothing it could use against us.
  console.error("[api] unhandled error:", err);
  return NextResponse.json(errorBody("internal", "Something went wrong on the server"), { status: 500 });
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
}

/**
 * The one wrapper every route handler goes through: resolves the session, checks the role,
 * parses body/query/params with zod, and maps errors to `{ error: { code, message } }`.
 */
export function handler<
  A extends Access,
  B extends z.ZodType = never,
  Q extends z.ZodType = never,
  P extends z.ZodType = never,
  R = unknown,
>(
  options: HandlerOptions<B, Q, P> & { access: A },
  fn: (ctx: HandlerContext<Out<B>, Out<Q>, Out<P>, UserFor<A>>) => Promise<R> | R,
) {
  return async (req: Request, route?: { params?: Promise<Record<string, string | string[]>> }) => {
    try {
      checkCsrf(req, { upload: options.upload });
      // Public routes (health, say) must answer without touching sessions or the database.
      const user = options.access === "public" ? null : await resolveCaller(req);
      if (options.access !== "public") {
        if (!user) throw unauthorized();
        checkTokenAccess(req, user, options.sessionOnly);
        if (options.access !== "user" && user.role !== options.access) throw forbidden();
      }
      const rawParams = (await route?.params) ?? {};
      refuseUnstorableInUrl(req, rawParams);
      const params = options.params ? options.params.parse(rawParams) : undefined;
      const query = options.query
        ? options.query.parse(Object.fromEntries(new URL(req.url).searchParams))
        : undefined;
      const body = options.body ? options.body.parse(refuseUnstorableText(await readJson(req))) : undefined;
      const result = await fn({ req, user: user as UserFor<A>, body, query, params } as HandlerContext<
        Out<B>,
        Out<Q>,
        Out<P>,
        UserFor<A>
      >);
      return result instanceof Response ? result : NextResponse.json(result ?? null);
    } catch (err) {
      return toResponse(err);
    }
  };
}
