import { z } from "zod";

export const exportProjectParamsSchema = z.object({ id: z.string().min(1) });
export const snapshotParamsSchema = z.object({ id: z.string().min(1), snapshotId: z.string().min(1) });
