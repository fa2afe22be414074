-- An instruction run's kept items can be reviewed before they are exported: dropped (a stage of
-- the funnel of its own) or edited, the model's text kept beside the edit, with who and when.
ALTER TYPE "DocItemStage" ADD VALUE 'REVIEW';
ALTER TABLE "DocItem"
  ADD COLUMN "originalInstruction" TEXT,
  ADD COLUMN "originalAnswer" TEXT,
  ADD COLUMN "reviewedById" TEXT,
  ADD COLUMN "reviewedAt" TIMESTAMPTZ(3);
ALTER TABLE "DocItem" ADD CONSTRAINT "DocItem_reviewedById_fkey"
  FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
