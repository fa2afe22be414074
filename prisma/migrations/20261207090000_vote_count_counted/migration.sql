-- A pair's voteCount is the number of its votes that count (what the overlap asks for): votes the
-- trust rule leaves out no longer fill a pair, which goes back to the queue for the votes it
-- lacks, and "complete" in the export means complete with counted votes. The app keeps it so from
-- now on (lib/annotation/votes.ts, lib/trust); pairs with left-out votes are recounted here.
UPDATE "Pair" p SET "voteCount" = p."voteCount" - d.n
FROM (SELECT "pairId", count(*)::int AS n FROM "Vote" WHERE "excluded" GROUP BY 1) d
WHERE p."id" = d."pairId";
