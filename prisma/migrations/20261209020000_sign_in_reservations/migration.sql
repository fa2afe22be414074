-- Sign-in attempts whose password is being checked are held apart from failures: "count" is
-- failures only, "pending" the attempts in flight (reservations), so that a burst of correct
-- sign-ins from one address is not counted as failures while it is being checked.
-- "pendingAt" is when a reservation was last taken: reservations older than any check can take
-- (a process that died mid-check) are forgotten.
ALTER TABLE "RateLimitBucket" ADD COLUMN "pending" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "RateLimitBucket" ADD COLUMN "pendingAt" TIMESTAMP(3);
