-- Drop reasons are clauses with a verb ("the extract is shorter than 100 characters"); items that
-- earlier runs dropped were stored without it ("the extract shorter than 100 characters") or
-- without their subject ("already a prompt of this project"). Reworded in place, so an earlier
-- run's funnel reads like a new one's (lib/document-runs/drop-reasons.ts).
UPDATE "DocItem"
SET "dropReason" = regexp_replace("dropReason", '^the (extract|answer) shorter than ', 'the \1 is shorter than ')
WHERE "droppedAt" = 'FILTER' AND "dropReason" ~ '^the (extract|answer) shorter than ';

UPDATE "DocItem"
SET "dropReason" = CASE "dropReason"
    WHEN 'already a prompt of this project' THEN 'the instruction is already a prompt of this project'
    WHEN 'nearly the same as an instruction kept before it' THEN 'the instruction is nearly the same as one kept before it'
  END
WHERE "droppedAt" = 'NEAR_DUPLICATE'
  AND "dropReason" IN ('already a prompt of this project', 'nearly the same as an instruction kept before it');

UPDATE "DocItem"
SET "dropReason" = 'the instruction ' || "dropReason"
WHERE "droppedAt" = 'CONTAMINATED' AND "dropReason" ~ '^shares a [0-9]+-word run with the evaluation set$';
