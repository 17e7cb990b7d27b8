import type { Metadata } from "next";
import { PRESCRIBERS } from "@/server/exercises/router";
import { requireRole } from "@/server/page-access";
import { ProgramsHome } from "./programs-home";

export const metadata: Metadata = { title: "Programs" };

export default async function ProgramsPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await requireRole((await params).clinicSlug, PRESCRIBERS);
  return <ProgramsHome slug={clinic.slug} />;
}
