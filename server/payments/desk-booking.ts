// Front-desk booking under the payment policy ("At booking (public page and front desk)"). When the
// clinic takes card payments and the type (or its first-visit policy, for a patient who has never
// attended) asks for a card, a deposit or a prepayment, staff choose: book and email the patient a
// payment link for the amount (send-payment-link.ts; the booking stands, the front desk decided), or
// book without payment and say why (kept in the audit log). No choice: the booking is refused with
// the amount, so the dialog can ask. A failed link (no email, Stripe down) leaves nothing booked.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { appointmentTypes } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { bookAppointment, type BookOptions } from "@/server/scheduling/book";
import { bookAppointmentSchema } from "@/server/scheduling/schemas";
import { multilineText } from "@/server/validation";
import { clinicMoney, moneyLabel } from "./ledger-rows";
import { isFirstVisit, paymentFor, type BookingPayment } from "./policy";
import { sendPaymentLink } from "./send-payment-link";

export const deskBookSchema = bookAppointmentSchema.extend({
  payment: z
    .discriminatedUnion("action", [
      z.object({ action: z.literal("link"), key: z.uuid("This form is out of date. Reload the page.") }),
      z.object({
        action: z.literal("skip"),
        reason: multilineText().trim().min(1, "Say why no payment is asked.").max(500, "Use at most 500 characters."),
      }),
    ])
    .optional(),
});
export type DeskBookInput = z.infer<typeof deskBookSchema>;

type Actor = { clinicId: string; userId: string; clinicSlug: string; clinicName: string };
export type DeskAsk = BookingPayment & { currency: string; label: string };

const WHAT: Record<BookingPayment["purpose"], (amount: string) => string> = {
  card_on_file: () => "a card on file",
  deposit: (amount) => `a ${amount} deposit`,
  prepayment: (amount) => `payment in full (${amount})`,
  balance: (amount) => `a payment of ${amount}`,
};

/** What the policy asks of this patient for this type at booking, when the clinic takes card payments. */
export async function deskPaymentAsk(tx: Tx, clinicId: string, patientId: string, typeId: string) {
  const money = await clinicMoney(tx, clinicId);
  if (!money.account) return null;
  const [type] = await tx
    .select()
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.clinicId, clinicId), eq(appointmentTypes.id, typeId)));
  if (!type) return null;
  const asked = paymentFor(type, await isFirstVisit(tx, clinicId, patientId));
  if (!asked) return null;
  const amount = asked.amountMinor === null ? "" : moneyLabel(asked.amountMinor, money);
  return { ...asked, currency: money.currency, label: WHAT[asked.purpose](amount) } satisfies DeskAsk;
}

export async function bookAtDesk(tx: Tx, actor: Actor, input: DeskBookInput, opts: BookOptions) {
  const { payment, ...booking } = input;
  const ask = await deskPaymentAsk(tx, actor.clinicId, input.patientId, input.typeId);
  if (ask && !payment)
    throw new DomainError(
      "PAYMENT_ASKED",
      `This booking asks for ${ask.label} at booking. Book and email a payment link, or book without payment and say why.`,
      "CONFLICT",
      { purpose: ask.purpose, amountMinor: ask.amountMinor, currency: ask.currency, label: ask.label },
    );
  if (ask && payment?.action === "link" && ask.amountMinor === null)
    throw new DomainError(
      "NO_CARD_LINK",
      "Junction cannot email a link to save a card yet. Book without payment and ask for the card at the visit.",
    );
  const appointment = await bookAppointment(tx, actor, booking, opts);
  if (!ask || !payment) return { ...appointment, payment: null };
  if (payment.action === "link") {
    const sent = await sendPaymentLink(tx, actor, {
      patientId: input.patientId,
      amountMinor: ask.amountMinor!,
      key: payment.key,
    });
    return { ...appointment, payment: { action: "link" as const, label: ask.label, to: sent.to } };
  }
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "appointment.bookWithoutPayment",
    entity: "appointment",
    entityId: appointment.id,
    details: { purpose: ask.purpose, amountMinor: ask.amountMinor, reason: payment.reason },
    patientIds: [input.patientId],
  });
  return { ...appointment, payment: { action: "skip" as const, label: ask.label, to: null } };
}
