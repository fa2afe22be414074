// The Annotate page's queue limits, shared by the server and the page. Kept apart from the
// request schemas so the page's bundle does not carry zod (110 KB of script to run before the
// first pair is on screen).

/** How many pairs the Annotate page holds beyond the one on screen, so the next shows without a round trip. */
export const HELD_AHEAD = 2;

/** The most assignment ids a claim may list as already held (`holding`). */
export const MAX_HOLDING = 20;
