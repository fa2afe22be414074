-- A panel of up to three judges: a judging run has one task per pair, judge and order.
DROP INDEX "GenerationTask_runId_pairId_sampleIndex_key";

-- CreateIndex
CREATE UNIQUE INDEX "GenerationTask_runId_pairId_endpointId_sampleIndex_key" ON "GenerationTask"("runId", "pairId", "endpointId", "sampleIndex");
