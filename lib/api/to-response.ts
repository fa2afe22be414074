import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import {
  BusyError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  StorageFullError,
  TooLargeError,
  UnauthenticatedError,
} from "@/lib/errors";
import { databaseUnreachable } from "@/lib/database-errors";
import { errorLine } from "@/lib/error-line";
import { ApiError, errorBody, InputValidationError, validationBody } from "./errors";

// The one place where a failure becomes an HTTP answer. Domain code throws domain errors
// (lib/errors.ts) and knows nothing of statuses; this file alone decides them.

const DOMAIN_STATUS: [new (...args: never[]) => DomainError, number][] = [
  [NotFoundError, 404],
  [ConflictError, 409],
  [InvalidError, 422],
  [ForbiddenError, 403],
  [UnauthenticatedError, 401],
  [BusyError, 503],
  [TooLargeError, 413],
  [StorageFullError, 507],
];

/** The status a domain error is answered with; an unknown kind is a bug, so it gets 500. */
export function domainStatus(err: DomainError): number {
  return DOMAIN_STATUS.find(([kind]) => err instanceof kind)?.[1] ?? 500;
}

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

function internal(err: unknown): NextResponse {
  // The real error stays in the server log; the caller gets nothing it could use against us.
  console.error("[api] unhandled error:", err);
  return NextResponse.json(errorBody("internal", "Something went wrong on the server"), { status: 500 });
}

export function toResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) {
    return NextResponse.json(errorBody(err.code, err.message), { status: err.status, headers: err.headers });
  }
  if (err instanceof DomainError) {
    const status = domainStatus(err);
    if (status === 500) return internal(err);
    const fields = err instanceof InvalidError ? err.fields : undefined;
    const headers = err instanceof BusyError ? { "Retry-After": String(err.retryAfterSeconds) } : undefined;
    return NextResponse.json(errorBody(err.code, err.message, fields), { status, headers });
  }
  if (err instanceof InputValidationError)
    return NextResponse.json(validationBody(err.zodError, err.part, err.sent), { status: 422 });
  if (err instanceof z.ZodError) return NextResponse.json(validationBody(err), { status: 422 });
  const code = (err as PrismaLikeError)?.code;
  if (code === "P2002") {
    const what = conflictFields(err as PrismaLikeError);
    return NextResponse.json(errorBody("conflict", `A record with this ${what} already exists`), { status: 409 });
  }
  if (code === "P2025") return NextResponse.json(errorBody("not_found", "Resource not found"), { status: 404 });
  if (databaseUnreachable(err)) {
    console.error(`[api] the database cannot be reached: ${errorLine(err)}`);
    return NextResponse.json(
      errorBody("database_unavailable", "The database cannot be reached right now; try again in a moment"),
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  return internal(err);
}
