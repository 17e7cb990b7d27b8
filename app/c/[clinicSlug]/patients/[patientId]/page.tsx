import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { pageClinic } from "@/server/page-access";
import { PatientAccesses } from "./patient-accesses";
import { PatientDetail } from "./patient-detail";

export const metadata: Metadata = { title: "Patient" };

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ clinicSlug: string; patientId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { clinicSlug, patientId } = await params;
  if (!z.string().uuid().safeParse(patientId).success) notFound();
  const { user, clinic } = await pageClinic(clinicSlug);
  return (
    <>
      <PatientDetail
        slug={clinic.slug}
        timeZone={clinic.timeZone}
        patientId={patientId}
        justCreated={(await searchParams).created === "1"}
        canEditPrograms={clinic.role !== "front_desk"}
        meId={user.id}
      />
      {clinic.role === "owner" ? (
        <PatientAccesses slug={clinic.slug} timeZone={clinic.timeZone} patientId={patientId} />
      ) : null}
    </>
  );
}
