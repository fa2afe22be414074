// Validates the environment once when the web server starts, so a bad variable stops it with
// a message naming the variable instead of failing on the first request; and records each
// request's TCP peer for the sign-in limits (lib/auth/peer-address.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseEnv, requireServerEnv } = await import("@/lib/config/env");
  requireServerEnv(parseEnv(process.env));
  const { installPeerAddressHeader } = await import("@/lib/auth/peer-address");
  installPeerAddressHeader();
}
