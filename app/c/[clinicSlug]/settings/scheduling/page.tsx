import type { Metadata } from "next";
import { pageClinic } from "@/server/page-access";
import { SchedulingSettings } from "./scheduling-settings";

export const metadata: Metadata = { title: "Scheduling settings" };

export default async function SchedulingSettingsPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await pageClinic((await params).clinicSlug);
  return <SchedulingSettings timeZone={clinic.timeZone} />;
}
