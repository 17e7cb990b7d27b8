// A patient opting out of non-essential mail (reminders) from the signed link in a reminder: the
// page's button, or a mail client's one-click List-Unsubscribe POST. Booking confirmations and
// changes still go. Idempotent: the first opt-out's time is kept.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, patients } from "@/db/schema";
import { PatientLinkError, verifyPatientLinkToken } from "@/server/auth/patient-links";
import { withClinic } from "@/server/tenancy";

export type UnsubscribeResult = { ok: true; clinicName: string } | { ok: false; reason: string };

export async function unsubscribeByToken(db: Db, token: string, now = new Date()): Promise<UnsubscribeResult> {
  let link;
  try {
    link = verifyPatientLinkToken(token, "unsubscribe", { now });
  } catch (error) {
    if (error instanceof PatientLinkError) return { ok: false, reason: error.message };
    throw error;
  }
  return withClinic(db, link.clinicId, async (tx) => {
    const [clinic] = await tx.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, link.clinicId));
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.clinicId, link.clinicId), eq(patients.id, link.patientId)));
    if (!clinic || !patient) return { ok: false, reason: "This link is not valid." };
    await tx
      .update(patients)
      .set({ emailOptOutAt: now })
      .where(
        and(eq(patients.clinicId, link.clinicId), eq(patients.id, link.patientId), isNull(patients.emailOptOutAt)),
      );
    return { ok: true, clinicName: clinic.name };
  });
}

/** Whether the link is sound, without changing anything (the page shows a button first). */
export function checkUnsubscribeToken(token: string, now = new Date()): { ok: true } | { ok: false; reason: string } {
  try {
    verifyPatientLinkToken(token, "unsubscribe", { now });
    return { ok: true };
  } catch (error) {
    if (error instanceof PatientLinkError) return { ok: false, reason: error.message };
    throw error;
  }
}
