import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PRESCRIBERS } from "@/server/exercises/router";
import { requireRole } from "@/server/page-access";
import { InClinicQuestionnaire } from "./in-clinic-questionnaire";

export const metadata: Metadata = { title: "Questionnaire in clinic" };

export default async function InClinicQuestionnairePage({
  params,
}: {
  params: Promise<{ clinicSlug: string; patientId: string; requestId: string }>;
}) {
  const { clinicSlug, patientId, requestId } = await params;
  const uuid = z.string().uuid();
  if (!uuid.safeParse(patientId).success || !uuid.safeParse(requestId).success) notFound();
  // Answers are clinical: clinicians and owners hand the tablet over and see the result.
  const { clinic } = await requireRole(clinicSlug, PRESCRIBERS);
  return (
    <InClinicQuestionnaire slug={clinic.slug} timeZone={clinic.timeZone} patientId={patientId} requestId={requestId} />
  );
}
