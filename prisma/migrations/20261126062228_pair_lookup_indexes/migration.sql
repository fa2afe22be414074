-- CreateIndex
CREATE INDEX "Pair_candidateBId_idx" ON "Pair"("candidateBId");

-- CreateIndex
CREATE INDEX "Pair_promptId_idx" ON "Pair"("promptId");
