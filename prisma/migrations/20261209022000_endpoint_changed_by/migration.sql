-- Who last saved an endpoint, and when: a save made on a form opened before that change is
-- refused, naming them (lib/endpoints/endpoints.ts).
ALTER TABLE "ModelEndpoint" ADD COLUMN "changedById" TEXT;
ALTER TABLE "ModelEndpoint" ADD COLUMN "changedAt" TIMESTAMP(3);
