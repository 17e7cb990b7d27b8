// Patient emails about money, through the messages pipeline (a messages row in the transaction that
// moved the money; the worker sends it): a receipt for each payment and refund that succeeded, and
// the emailed payment link. Keys are the ledger row's or checkout's id, so each is queued once.
import { createElement } from "react";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { Message } from "@/db/schema";
import PaymentLinkEmail, { paymentLinkSubject } from "@/emails/payment-link";
import PaymentReceiptEmail, { paymentReceiptSubject } from "@/emails/payment-receipt";
import { DISPATCH_CHANNEL } from "@/server/jobs/queues";
import type { ComposedEmail, MessageContext } from "@/server/messages/compose";
import type { LedgerRow } from "./ledger-rows";
import { formatMoney, localeFor } from "@/app/_lib/money";
import { formatWhen } from "@/server/scheduling/format";
import { patientBalanceMinor } from "./patient-balance";

export const PAYMENT_MESSAGE_KINDS = ["payment_receipt", "payment_link"] as const;
export const isPaymentMessageKind = (kind: string): kind is (typeof PAYMENT_MESSAGE_KINDS)[number] =>
  (PAYMENT_MESSAGE_KINDS as readonly string[]).includes(kind);

export const METHOD_WORDS: Record<string, string> = {
  card_online: "card (online)",
  card_on_file: "card on file",
  card_terminal: "card in clinic",
  cash: "cash",
  bank_transfer: "bank transfer",
  other: "insurance or other",
};

async function queue(
  tx: Tx,
  m: { clinicId: string; patientId: string; kind: string; key: string; details: Record<string, string> },
) {
  await tx.execute(sql`
    WITH inserted AS (
      INSERT INTO messages (clinic_id, patient_id, kind, key, due_at, details)
      VALUES (${m.clinicId}, ${m.patientId}, ${m.kind}::message_kind, ${m.key}, now(), ${JSON.stringify(m.details)}::jsonb)
      ON CONFLICT (clinic_id, key) DO NOTHING RETURNING 1)
    SELECT pg_notify(${DISPATCH_CHANNEL}, '')`);
}

/** A receipt for a succeeded payment or refund, with the balance after it. */
export async function queueReceipt(tx: Tx, clinicId: string, row: LedgerRow): Promise<void> {
  if (row.kind === "visit_charge" || row.kind === "fee") return;
  const balance = await patientBalanceMinor(tx, clinicId, row.patientId);
  await queue(tx, {
    clinicId,
    patientId: row.patientId,
    kind: "payment_receipt",
    key: `receipt:${row.id}`,
    details: {
      paymentId: row.id,
      kind: row.kind === "refund" ? "refund" : "payment",
      amountMinor: String(row.amountMinor),
      currency: row.currency,
      method: row.method ?? "other",
      balanceMinor: String(balance),
      at: new Date().toISOString(),
    },
  });
}

export async function queuePaymentLinkEmail(
  tx: Tx,
  m: { clinicId: string; patientId: string; checkoutId: string; url: string; amountMinor: number; currency: string },
): Promise<void> {
  await queue(tx, {
    clinicId: m.clinicId,
    patientId: m.patientId,
    kind: "payment_link",
    key: `payment-link:${m.checkoutId}`,
    details: { url: m.url, amountMinor: String(m.amountMinor), currency: m.currency },
  });
}

const balanceWords = (balance: number, money: (minor: number) => string) =>
  balance > 0 ? `${money(balance)} to pay` : balance < 0 ? `${money(-balance)} in credit` : "nothing to pay";

/** The email of a payment_receipt or payment_link message (pure: details hold every fact). */
export function composePaymentEmail(message: Message, ctx: MessageContext): ComposedEmail {
  const { clinic, patient } = ctx;
  if (!patient?.email) throw new Error(`Message ${message.id} has no recipient`);
  const d = message.details ?? {};
  const currency = d.currency ?? "USD";
  const envelope = { to: patient.email, fromName: clinic.name, replyTo: clinic.email };
  // The clinic's locale, as on its screens ("£50.00" for a London clinic).
  const locale = localeFor({ currency: clinic.currency, locale: clinic.locale });
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const amountLabel = money(Number(d.amountMinor ?? 0));
  if (message.kind === "payment_link") {
    const props = {
      firstName: patient.firstName,
      clinicName: clinic.name,
      phone: clinic.phone,
      amountLabel,
      forLabel: null,
      payUrl: d.url ?? "",
    };
    return {
      ...envelope,
      template: "payment-link",
      subject: paymentLinkSubject(props),
      element: createElement(PaymentLinkEmail, props),
    };
  }
  const props = {
    firstName: patient.firstName,
    clinicName: clinic.name,
    phone: clinic.phone,
    kind: d.kind === "refund" ? ("refund" as const) : ("payment" as const),
    amountLabel,
    methodLabel: METHOD_WORDS[d.method ?? "other"] ?? "other",
    dateLabel: formatWhen(new Date(d.at ?? message.createdAt.toISOString()), clinic.timeZone, clinic.locale, {
      year: true,
      dateOnly: true,
    }),
    forLabel: null,
    balanceLabel: balanceWords(Number(d.balanceMinor ?? 0), money),
    reference: (d.paymentId ?? message.id).slice(0, 8),
  };
  return {
    ...envelope,
    template: "payment-receipt",
    subject: paymentReceiptSubject(props),
    element: createElement(PaymentReceiptEmail, props),
  };
}
