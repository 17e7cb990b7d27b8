import type { Metadata } from "next";
import { ComingSoon } from "@/app/_components/coming-soon";

export const metadata: Metadata = { title: "Outcomes" };

export default function Page() {
  return <ComingSoon title="Outcomes" what="Validated questionnaires and progress over time." />;
}
