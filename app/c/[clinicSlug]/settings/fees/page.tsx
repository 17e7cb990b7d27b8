import type { Metadata } from "next";
import { FeeSettings } from "./fee-settings";

export const metadata: Metadata = { title: "Missed-appointment fees" };

export default function FeesPage() {
  return <FeeSettings />;
}
