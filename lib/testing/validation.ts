import { z } from "zod";
import { validationBody } from "@/lib/api/errors";

/** Awaits a call expected to fail validation; returns the fields a 422 response would list. */
export async function invalidFields(call: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof z.ZodError))
    throw new Error(`Expected a validation error, got ${err === null ? "success" : String(err)}`);
  return validationBody(err).error.fields ?? [];
}
