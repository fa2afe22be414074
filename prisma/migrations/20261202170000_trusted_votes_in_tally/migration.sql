-- Votes the trust rule leaves out (Vote.excluded, set by lib/trust) count for nothing in a pair's
-- tally. The Vote triggers apply the rule as flags change, so only the tallies of pairs that
-- already have excluded votes need recounting here.
CREATE OR REPLACE FUNCTION pair_vote_counted(v "Vote") RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT NOT $1."excluded" $$;

UPDATE "Pair" p SET "votesA" = d.a, "votesB" = d.b, "votesTie" = d.t, "votesBothBad" = d.x,
  "votesFlagged" = d.f, "votesEdited" = d.e
FROM (
  SELECT v."pairId" AS id, count(*) FILTER (WHERE v."choice" = 'A' AND NOT v."excluded") AS a,
    count(*) FILTER (WHERE v."choice" = 'B' AND NOT v."excluded") AS b,
    count(*) FILTER (WHERE v."choice" = 'TIE' AND NOT v."excluded") AS t,
    count(*) FILTER (WHERE v."choice" = 'BOTH_BAD' AND NOT v."excluded") AS x,
    count(*) FILTER (WHERE cardinality(v."flags") > 0 AND NOT v."excluded") AS f,
    count(*) FILTER (WHERE v."editedText" IS NOT NULL AND NOT v."excluded") AS e
  FROM "Vote" v WHERE v."pairId" IN (SELECT "pairId" FROM "Vote" WHERE "excluded") GROUP BY 1
) d WHERE p."id" = d.id;
