-- Who last saved a project's settings, and when: a save made on a form loaded before that change
-- is refused, naming them (lib/projects/edit-conflict.ts).
ALTER TABLE "Project" ADD COLUMN "settingsChangedById" TEXT;
ALTER TABLE "Project" ADD COLUMN "settingsChangedAt" TIMESTAMP(3);
