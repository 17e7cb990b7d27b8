// Patient pages opened from emailed links carry the cookie banner of the clinic that signed the link.
import type { ReactNode } from "react";
import { patientLinkScope, PublicShell } from "@/app/_components/consent/public-shell";

export default async function PatientLinkLayout({ children }: { children: ReactNode }) {
  return <PublicShell scope={await patientLinkScope("/p/")}>{children}</PublicShell>;
}
