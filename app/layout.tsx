import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page is rendered per request: the CSP nonce (proxy.ts) differs each time, and Next.js
// can only put it on the scripts of dynamically rendered pages.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Pairwise", template: "%s · Pairwise" },
  description: "Build DPO preference datasets with human review",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
