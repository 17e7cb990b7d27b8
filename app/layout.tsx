import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page renders per request so the CSP nonce reaches Next.js scripts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Junction", template: "%s · Junction" },
  description: "Practice management for physical-therapy clinics.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
