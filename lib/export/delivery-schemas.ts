import { z } from "zod";
import { pageLimit, timeCursorSchema } from "@/lib/pagination";
import { idParamsSchema, projectChildParams } from "@/lib/params";

export const exportProjectParamsSchema = idParamsSchema;
export const snapshotParamsSchema = projectChildParams("snapshotId");

export const SNAPSHOT_PAGE_DEFAULT = 50;
/** The Export page shows this many of the latest exports. */
export const SNAPSHOT_PAGE_MAX = 200;

/** `GET /exports`: a page of the project's exports, newest first. */
export const snapshotListQuerySchema = z.object({
  cursor: timeCursorSchema.optional(),
  limit: pageLimit(SNAPSHOT_PAGE_DEFAULT, SNAPSHOT_PAGE_MAX),
});
