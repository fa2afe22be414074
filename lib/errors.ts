// What domain code throws when a request cannot be done: the kind of failure and a stable code
// the caller can act on, never an HTTP status. Only lib/api turns these into responses
// (status per class, in lib/api/handler.ts), so domain functions serve pages, scripts and
// workers alike. The codes are the ones the API has always returned: clients match on them.

export abstract class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A record that does not exist, or that the caller may not know exists. */
export class NotFoundError extends DomainError {
  override readonly name: string = "NotFoundError";
  constructor(what = "Resource") {
    super("not_found", `${what} not found`);
  }
}

/** The request contradicts the current state (already done, in progress, archived…). */
export class ConflictError extends DomainError {
  override readonly name: string = "ConflictError";
}

export interface InvalidField {
  path: string;
  message: string;
}

/** The input is well formed but cannot be used: a setting missing, a value refused. */
export class InvalidError extends DomainError {
  override readonly name: string = "InvalidError";
  constructor(
    code: string,
    message: string,
    /** The fields at fault, by dotted path, when the problem is in named fields. */
    readonly fields?: InvalidField[],
  ) {
    super(code, message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  override readonly name: string = "ForbiddenError";
  constructor(code = "forbidden", message = "You do not have access to this resource") {
    super(code, message);
  }
}

/** The caller's credentials (an API token) do not identify anyone. */
export class UnauthenticatedError extends DomainError {
  override readonly name: string = "UnauthenticatedError";
}

/** The input is more than the server takes at once (a limit the operator can set). */
export class TooLargeError extends DomainError {
  override readonly name: string = "TooLargeError";
}

/** The server keeps no more of this until some of what it keeps is deleted (a limit the operator can set). */
export class StorageFullError extends DomainError {
  override readonly name: string = "StorageFullError";
}

/** Too much of this is running on the server right now; worth trying again after a while. */
export class BusyError extends DomainError {
  override readonly name: string = "BusyError";
  constructor(
    code: string,
    message: string,
    /** When to try again, in seconds. */
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}
