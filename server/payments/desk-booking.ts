// Front-desk booking under the payment policy ("At booking (public page and front desk)"). When the
// clinic takes card payments and the type (or its first-visit policy, for a patient who has never
// attended) asks for a card, a deposit or a prepayment, staff choose: book and email the patient a
// payment link for the amount (send-payment-link.ts; the booking stands, the front desk decided), or
// book without payment and say why (kept in the audit log). No choice: the booking is refused with
// the amount, so the dialog can ask. A failed link (no email, Stripe down) leaves nothing booked.
// A recurring series follows the same rule, with one choice fewer: Junction cannot email one link
// per occurrence yet, so the desk books the series without payment (saying why) or books one at a time.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { appointmentTypes } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { bookAppointment, type BookOptions } from "@/server/scheduling/book";
import { bookRecurring } from "@/server/scheduling/recurring";
import { bookAppointmentSchema, recurringBookingSchema } from "@/server/scheduling/schemas";
import { multilineText } from "@/server/validation";
import { clinicMoney, moneyLabel } from "./ledger-rows";
import { isFirstVisit, paymentFor, type BookingPayment } from "./policy";
import { sendPaymentLink } from "./send-payment-link";

const deskPaymentSchema = z
  .discriminatedUnion("action", [
    z.object({ action: z.literal("link"), key: z.uuid("This form is out of date. Reload the page.") }),
    z.object({
      action: z.literal("skip"),
      reason: multilineText().trim().min(1, "Say why no payment is asked.").max(500, "Use at most 500 characters."),
    }),
  ])
  .optional();

export const deskBookSchema = bookAppointmentSchema.extend({ payment: deskPaymentSchema });
export type DeskBookInput = z.infer<typeof deskBookSchema>;
export const deskRecurringSchema = recurringBookingSchema.extend({ payment: deskPaymentSchema });
export type DeskRecurringInput = z.infer<typeof deskRecurringSchema>;

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
      // The payment is this appointment's deposit or prepayment (refunded if the clinic cancels).
      forAppointment:
        ask.purpose === "deposit" || ask.purpose === "prepayment"
          ? { id: appointment.id, purpose: ask.purpose }
          : undefined,
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

/**
 * A recurring series at the front desk: refused with PAYMENT_ASKED (details.series, so the dialog
 * offers no link) when the policy asks for payment and the desk has not chosen to book without it.
 */
export async function bookRecurringAtDesk(
  tx: Tx,
  actor: Actor,
  timeZone: string,
  input: DeskRecurringInput,
  opts: BookOptions,
) {
  const { payment, ...series } = input;
  const ask = await deskPaymentAsk(tx, actor.clinicId, input.patientId, input.typeId);
  if (ask && !payment)
    throw new DomainError(
      "PAYMENT_ASKED",
      `This type asks for ${ask.label} at booking. A series cannot email payment links yet: book it without payment and say why, or book the appointments one at a time.`,
      "CONFLICT",
      { purpose: ask.purpose, amountMinor: ask.amountMinor, currency: ask.currency, label: ask.label, series: true },
    );
  if (ask && payment?.action === "link")
    throw new DomainError(
      "NO_SERIES_LINK",
      "A series cannot email payment links yet. Book it without payment and say why, or book the appointments one at a time.",
    );
  const done = await bookRecurring(tx, actor, timeZone, series, opts);
  if (!ask || payment?.action !== "skip") return { ...done, payment: null };
  for (const r of done.results) {
    if (!r.booked) continue;
    await recordAudit(tx, {
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      action: "appointment.bookWithoutPayment",
      entity: "appointment",
      entityId: r.appointmentId,
      details: { purpose: ask.purpose, amountMinor: ask.amountMinor, reason: payment.reason, series: true },
      patientIds: [input.patientId],
    });
  }
  return { ...done, payment: { action: "skip" as const, label: ask.label, to: null } };
}
