import type { Metadata } from "next";
import { requireRole } from "@/server/page-access";
import { OWNER_ONLY } from "@/server/trpc";
import { OutcomeSettings } from "./outcome-settings";

export const metadata: Metadata = { title: "Outcome measures" };

export default async function OutcomeSettingsPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  await requireRole((await params).clinicSlug, OWNER_ONLY);
  return <OutcomeSettings />;
}
