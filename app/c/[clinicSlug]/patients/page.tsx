import type { Metadata } from "next";
import { pageClinic } from "@/server/page-access";
import { PatientList } from "./patient-list";

export const metadata: Metadata = { title: "Patients" };

export default async function PatientsPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await pageClinic((await params).clinicSlug);
  return <PatientList slug={clinic.slug} />;
}
