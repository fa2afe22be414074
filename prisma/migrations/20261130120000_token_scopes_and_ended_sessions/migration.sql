-- API tokens get a scope (existing tokens keep full access) and die with a password reset,
-- deactivation or demotion of their owner. Signing out ends the session it came from.
CREATE TYPE "TokenScope" AS ENUM ('READ', 'FULL');

ALTER TABLE "ApiToken" ADD COLUMN "scope" "TokenScope" NOT NULL DEFAULT 'FULL',
                       ADD COLUMN "userSessionVersion" INTEGER;
-- Existing tokens stay valid until their owner next password reset, deactivation or demotion.
UPDATE "ApiToken" t SET "userSessionVersion" = u."sessionVersion" FROM "User" u WHERE u."id" = t."userId";
ALTER TABLE "ApiToken" ALTER COLUMN "userSessionVersion" SET NOT NULL;

CREATE TABLE "EndedSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndedSession_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "EndedSession_expiresAt_idx" ON "EndedSession"("expiresAt");

ALTER TABLE "EndedSession" ADD CONSTRAINT "EndedSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
