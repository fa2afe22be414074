// Validates the environment once when the web server starts, so a bad variable stops it with
// a message naming the variable instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv, requireServerEnv } = await import("@/lib/config/env");
  requireServerEnv(parseEnv(process.env));
}
