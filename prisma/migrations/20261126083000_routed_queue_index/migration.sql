-- The annotation queue of LLM_JUDGE and HYBRID projects serves only pairs routed to humans.
-- Partial, so the claim's ordered scan never steps over unrouted pairs. Prisma cannot declare a
-- partial index and ignores this one: it is not in schema.prisma, only mentioned there.
CREATE INDEX "Pair_routed_queue_idx" ON "Pair"("projectId", "voteCount", "createdAt", "id", "reviewReason")
  WHERE "reviewReason" IS NOT NULL;
