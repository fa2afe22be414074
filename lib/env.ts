import "server-only";
import { parseEnv, requireServerEnv } from "@/lib/config/env";

let cached: ReturnType<typeof requireServerEnv> | undefined;

/** The validated server environment; throws naming the first bad variable. */
export function getServerEnv() {
  cached ??= requireServerEnv(parseEnv(process.env));
  return cached;
}
