-- The last Test result of an endpoint, with its time.
ALTER TABLE "ModelEndpoint" ADD COLUMN "lastTest" JSONB, ADD COLUMN "lastTestAt" TIMESTAMP(3);
