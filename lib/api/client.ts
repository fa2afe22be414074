import type { ErrorBody } from "./errors";
import { markSessionEnded } from "./session-ended";

/** An API error as the browser receives it: status, code, message and invalid fields. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** fetch for our JSON API: parses the body, and turns error bodies into ApiClientError. */
export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { ...(json === undefined ? {} : { "Content-Type": "application/json" }), ...rest.headers },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok) {
    const e = data?.error;
    if (res.status === 401 && e?.code === "unauthorized") markSessionEnded();
    if (res.status === 401 && e?.code === "account_deactivated") markSessionEnded("deactivated");
    throw new ApiClientError(
      res.status,
      e?.code ?? "http_error",
      e?.message ?? `Request failed (${res.status})`,
      e?.fields,
    );
  }
  return data as T;
}

/**
 * The request was refused because the session has ended (expired, signed out elsewhere, or the
 * account deactivated).
 */
export function isSessionEnded(error: unknown): boolean {
  return (
    error instanceof ApiClientError &&
    error.status === 401 &&
    (error.code === "unauthorized" || error.code === "account_deactivated")
  );
}

/** What a failed request said about one field of the form it sent, if anything. */
export function fieldMessage(error: unknown, path: string): string | undefined {
  return error instanceof ApiClientError ? error.fields.find((f) => f.path === path)?.message : undefined;
}
