import { idParamsSchema, projectChildParams } from "@/lib/params";

export const exportProjectParamsSchema = idParamsSchema;
export const snapshotParamsSchema = projectChildParams("snapshotId");
