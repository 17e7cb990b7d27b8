// The emailed sign-in link's landing page is one of Junction's own public pages: its banner and footer.
import type { ReactNode } from "react";
import { PublicShell } from "@/app/_components/consent/public-shell";
import { PLATFORM_SCOPE } from "@/server/consent/page-config";

export default function AuthLinkLayout({ children }: { children: ReactNode }) {
  return <PublicShell scope={PLATFORM_SCOPE}>{children}</PublicShell>;
}
