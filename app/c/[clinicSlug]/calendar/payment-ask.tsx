"use client";
// When the type's payment policy asks for a card, a deposit or a prepayment (server/payments/desk-booking.ts
// refuses with PAYMENT_ASKED), the front desk decides: book and email a payment link, or book without
// payment and say why. A recurring series is asked the same, without the link.
import { useState } from "react";

export type PaymentChoice = { action: "link"; key: string } | { action: "skip"; reason: string };
export type Asked = { message: string; canLink: boolean };

/** The policy's question from a refused booking, if that is why it was refused. */
export function paymentAsked(error: unknown): Asked | null {
  const e = error as {
    message?: string;
    data?: { domainCode?: string | null; details?: { amountMinor?: unknown; series?: unknown } | null };
  } | null;
  if (e?.data?.domainCode !== "PAYMENT_ASKED") return null;
  // A series cannot email links yet (bookRecurringAtDesk): only "book without payment" is offered.
  const canLink = typeof e.data.details?.amountMinor === "number" && e.data.details?.series !== true;
  return { message: e.message ?? "", canLink };
}

export function PaymentAsk(props: { asked: Asked; pending: boolean; onChoose: (choice: PaymentChoice) => void }) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  return (
    <section className="alert" role="group" aria-label="Payment at booking">
      <p>{props.asked.message}</p>
      {props.asked.canLink ? (
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={props.pending}
            onClick={() => props.onChoose({ action: "link", key })}
          >
            Book and email a payment link
          </button>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="cal-no-payment">Reason for booking without payment</label>
        <textarea id="cal-no-payment" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {problem ? (
        <p className="alert alert-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="btn"
          disabled={props.pending}
          onClick={() => {
            if (!reason.trim()) return setProblem("Say why no payment is asked.");
            setProblem(null);
            props.onChoose({ action: "skip", reason: reason.trim() });
          }}
        >
          Book without payment
        </button>
      </div>
    </section>
  );
}
