import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** Joins a judging task `t` to its judgment `j`: same pair and judge, and the order it was shown in. */
export const JUDGMENT_OF_TASK = Prisma.sql`j."pairId" = t."pairId" AND j."endpointId" = t."endpointId" AND j."swapped" = (t."judgeOrder" = 'SWAPPED')`;
