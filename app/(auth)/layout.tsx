import type { ReactNode } from "react";
import { PublicShell } from "@/app/_components/consent/public-shell";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { PLATFORM_SCOPE } from "@/server/consent/page-config";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <PublicShell scope={PLATFORM_SCOPE}>
      <TRPCReactProvider>
        <main className="center-page">{children}</main>
      </TRPCReactProvider>
    </PublicShell>
  );
}
