// The kiosk: one questionnaire on a tablet handed to the patient. The staff layout shows no
// navigation while the lock holds, and every other staff page and procedure sends back here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { InClinicQuestionnaire } from "@/app/c/[clinicSlug]/patients/[patientId]/outcomes/[requestId]/in-clinic-questionnaire";
import { pageKiosk } from "@/server/page-access";
import { KioskGuard } from "@/app/_components/kiosk";

export const metadata: Metadata = { title: "Questionnaire" };

export default async function KioskPage({ params }: { params: Promise<{ clinicSlug: string; requestId: string }> }) {
  const { clinicSlug, requestId } = await params;
  if (!z.string().uuid().safeParse(requestId).success) notFound();
  const { clinic, lock } = await pageKiosk(clinicSlug, requestId);
  return (
    <KioskGuard>
      <InClinicQuestionnaire
        slug={clinic.slug}
        timeZone={clinic.timeZone}
        patientId={lock.patientId}
        requestId={requestId}
        kiosk
      />
    </KioskGuard>
  );
}
