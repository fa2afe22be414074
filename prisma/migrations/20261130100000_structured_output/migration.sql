-- How judge calls ask for JSON: the endpoint's setting, what was found to work, and per judgment
-- the mode that produced it.
CREATE TYPE "OutputMode" AS ENUM ('AUTO', 'JSON_SCHEMA', 'JSON_MODE', 'PROMPT_ONLY');

ALTER TABLE "ModelEndpoint"
  ADD COLUMN "structuredOutput" "OutputMode" NOT NULL DEFAULT 'AUTO',
  ADD COLUMN "detectedOutputMode" "OutputMode",
  ADD COLUMN "outputModeDetectedAt" TIMESTAMP(3);

ALTER TABLE "Judgment" ADD COLUMN "outputMode" "OutputMode";
