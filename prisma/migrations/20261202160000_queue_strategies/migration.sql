-- Queue strategies (breadth-first or depth-first) and pairs reserved for chosen annotators.
CREATE TYPE "QueueStrategy" AS ENUM ('BREADTH_FIRST', 'DEPTH_FIRST');

ALTER TABLE "Project" ADD COLUMN "queueStrategy" "QueueStrategy" NOT NULL DEFAULT 'BREADTH_FIRST';

-- Depth-first serves most votes first, then oldest: a key of its own (mixed directions cannot
-- ride the breadth-first index backwards), and the same partial twin for routed pairs (see
-- routed_queue_index: Prisma ignores partial indexes).
CREATE INDEX "Pair_depth_queue_idx" ON "Pair"("projectId", "voteCount" DESC, "createdAt", "id");
CREATE INDEX "Pair_routed_depth_queue_idx" ON "Pair"("projectId", "voteCount" DESC, "createdAt", "id", "reviewReason")
  WHERE "reviewReason" IS NOT NULL;

CREATE TABLE "PairReservation" (
  "pairId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "projectId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "PairReservation_pkey" PRIMARY KEY ("pairId", "userId")
);
CREATE INDEX "PairReservation_projectId_userId_idx" ON "PairReservation"("projectId", "userId");
ALTER TABLE "PairReservation" ADD CONSTRAINT "PairReservation_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PairReservation" ADD CONSTRAINT "PairReservation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PairReservation" ADD CONSTRAINT "PairReservation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
