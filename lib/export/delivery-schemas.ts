import { idParamsSchema, projectChildParams } from "@/lib/api/params";

export const exportProjectParamsSchema = idParamsSchema;
export const snapshotParamsSchema = projectChildParams("snapshotId");
