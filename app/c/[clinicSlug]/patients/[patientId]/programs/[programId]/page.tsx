import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PRESCRIBERS } from "@/server/exercises/router";
import { requireRole } from "@/server/page-access";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { ProgramPage } from "./program-page";

export const metadata: Metadata = { title: "Program" };

export default async function Page({
  params,
}: {
  params: Promise<{ clinicSlug: string; patientId: string; programId: string }>;
}) {
  const { clinicSlug, patientId, programId } = await params;
  const uuid = z.string().uuid();
  if (!uuid.safeParse(patientId).success || (programId !== "new" && !uuid.safeParse(programId).success)) notFound();
  // Program contents (exercises, dosage, the patient's pain) are clinical: the front desk gets a 403.
  const { clinic } = await requireRole(clinicSlug, PRESCRIBERS);
  return (
    <ProgramPage
      slug={clinic.slug}
      patientId={patientId}
      programId={programId === "new" ? null : programId}
      today={localDateTime(new Date(), clinic.timeZone).date}
      canEdit={clinic.role !== "front_desk"}
    />
  );
}
