// Which payment an appointment type asks for at booking, and whether a patient is on a first visit.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, type AppointmentType, type CheckoutPurpose } from "@/db/schema";

export type BookingPayment = { purpose: CheckoutPurpose; amountMinor: number | null };

/**
 * The payment the type asks for (null: nothing). A first visit uses the type's first-visit policy when
 * it has one. Online bookings always count as first visits: the public page never looks a patient up.
 */
export function paymentFor(type: AppointmentType, firstVisit: boolean): BookingPayment | null {
  const useFirst = firstVisit && type.firstVisitPolicy !== null;
  const policy = useFirst ? type.firstVisitPolicy! : type.paymentPolicy;
  if (policy === "card_on_file") return { purpose: "card_on_file", amountMinor: null };
  if (policy === "prepay") return type.priceMinor > 0 ? { purpose: "prepayment", amountMinor: type.priceMinor } : null;
  if (policy === "deposit") {
    const amount = useFirst ? type.firstVisitDepositMinor : type.depositMinor;
    return amount ? { purpose: "deposit", amountMinor: Math.min(amount, type.priceMinor || amount) } : null;
  }
  return null;
}

/** A patient who has never attended (checked in or completed) is on a first visit. */
export async function isFirstVisit(tx: Tx, clinicId: string, patientId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.patientId, patientId),
        inArray(appointments.status, ["checked_in", "completed"]),
      ),
    )
    .limit(1);
  return !row;
}
