// Questionnaire pages opened from emailed links carry the cookie banner of the clinic that signed the link.
import type { ReactNode } from "react";
import { patientLinkScope, PublicShell } from "@/app/_components/consent/public-shell";

export default async function QuestionnaireLinkLayout({ children }: { children: ReactNode }) {
  return <PublicShell scope={await patientLinkScope("/q/")}>{children}</PublicShell>;
}
