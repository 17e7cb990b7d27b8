import type { Metadata } from "next";
import { CookiePolicy } from "@/app/_components/consent/cookie-policy";
import { PublicShell } from "@/app/_components/consent/public-shell";
import { PLATFORM_SCOPE } from "@/server/consent/page-config";

export const metadata: Metadata = { title: "Cookie policy" };

export default function PlatformCookiePolicyPage() {
  return (
    <PublicShell scope={PLATFORM_SCOPE}>
      <CookiePolicy scope={PLATFORM_SCOPE} />
    </PublicShell>
  );
}
