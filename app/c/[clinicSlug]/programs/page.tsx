import type { Metadata } from "next";
import { pageClinic } from "@/server/page-access";
import { ProgramsHome } from "./programs-home";

export const metadata: Metadata = { title: "Programs" };

export default async function ProgramsPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await pageClinic((await params).clinicSlug);
  return <ProgramsHome slug={clinic.slug} />;
}
