import { handler } from "@/lib/api/handler";
import { listReviewItems, reviewItem, reviewItemSchema, reviewListQuerySchema } from "@/lib/document-runs";
import { runParamsSchema } from "@/lib/jobs/schemas";

// An instruction run's kept items, a page at a time, and a reviewer's drop, keep or edit of one.

export const GET = handler(
  { access: "ADMIN", project: "admin", params: runParamsSchema, query: reviewListQuerySchema },
  async ({ params, query }) => ({ review: await listReviewItems(params.id, params.runId, query.page) }),
);

export const PATCH = handler(
  { access: "ADMIN", project: "admin", params: runParamsSchema, body: reviewItemSchema },
  async ({ params, body, user }) => ({ item: await reviewItem(params.id, params.runId, user.id, body) }),
);
