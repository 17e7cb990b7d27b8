import type { Metadata } from "next";
import { ComingSoon } from "@/app/_components/coming-soon";

export const metadata: Metadata = { title: "Programs" };

export default function Page() {
  return <ComingSoon title="Programs" what="Home-exercise programs built from the exercise library." />;
}
