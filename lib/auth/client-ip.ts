type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

/**
 * The client address as the web server saw it. Next.js fills X-Forwarded-For with the socket
 * address when the request has none; behind a reverse proxy, the proxy's value is used.
 */
export function clientIp(headers: HeaderSource): string {
  const raw =
    headers instanceof Headers ? headers.get("x-forwarded-for") : (headers?.["x-forwarded-for"] as string | undefined);
  const first = (Array.isArray(raw) ? raw[0] : raw)?.split(",")[0]?.trim();
  return first || "unknown";
}
