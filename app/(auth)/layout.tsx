import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/app/_lib/trpc";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <main className="center-page">{children}</main>
    </TRPCReactProvider>
  );
}
