import { parseEnv } from "@/lib/config/env";

// A served prompt is held as long as a served pair: writing takes longer than voting, but one
// setting is easier to reason about, and a writer's own lapsed lease is renewed when still free.
export const WRITE_LEASE_MINUTES = parseEnv(process.env).ANNOTATION_LEASE_MINUTES;
