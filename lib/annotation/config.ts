import { parseEnv } from "@/lib/config/env";

export const LEASE_MINUTES = parseEnv(process.env).ANNOTATION_LEASE_MINUTES;
export const UNDO_SECONDS = 60;
