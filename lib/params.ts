import { z } from "zod";

// Route parameters, defined once for every route and page: a record's id from the URL. Ids are
// never parsed further; an unknown one is a 404 from the lookup, not a validation error.

export const idParam = z.string().min(1, "id must not be empty");

/** `/…/[id]`. */
export const idParamsSchema = z.object({ id: idParam });

/** `/projects/[id]/…/[child]`: the project's id and one of its records'. */
export function projectChildParams<K extends string>(child: K) {
  return z.object({ id: idParam, [child]: idParam } as { id: typeof idParam } & Record<K, typeof idParam>);
}
