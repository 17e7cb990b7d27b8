import type { Metadata } from "next";
import { ComingSoon } from "@/app/_components/coming-soon";

export const metadata: Metadata = { title: "Calendar" };

export default function Page() {
  return <ComingSoon title="Calendar" what="Day and week views per clinician, booking, check-in and no-shows." />;
}
