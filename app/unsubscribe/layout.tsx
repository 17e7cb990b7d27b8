// The reminder opt-out page carries the cookie banner of the clinic that signed the link.
import type { ReactNode } from "react";
import { patientLinkScope, PublicShell } from "@/app/_components/consent/public-shell";

export default async function UnsubscribeLayout({ children }: { children: ReactNode }) {
  return <PublicShell scope={await patientLinkScope("/unsubscribe/")}>{children}</PublicShell>;
}
