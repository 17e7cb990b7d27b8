"use client";
// The "Payments" panel of an appointment (calendar) and of a patient's page: the balance, the card
// on file, every charge and payment, and the front desk's actions — charge the card on file, record
// a payment, refund, send a payment link, charge a missed appointment's fee, change a charge — each
// confirmed before it runs, with Stripe's answer (a decline, a removed card) in words. A clinician
// sees the balance and history without the actions (the server refuses them: MONEY in server/trpc.ts).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { formatMoney } from "@/app/_lib/money";
import { FeeForm, MoneyForm, type Action } from "./payment-forms";

const KIND_WORDS: Record<string, string> = {
  visit_charge: "Visit charge",
  fee: "Fee",
  deposit: "Deposit",
  prepayment: "Prepayment",
  payment: "Payment",
  refund: "Refund",
};
const STATUS_WORDS: Record<string, string> = { pending: "Pending", failed: "Declined", canceled: "Voided" };
const METHOD_WORDS: Record<string, string> = {
  card_online: "card online",
  card_on_file: "card on file",
  card_terminal: "card in clinic",
  cash: "cash",
  bank_transfer: "bank transfer",
  other: "insurance/other",
};

export function PaymentsPanel(props: { patientId: string; appointmentId?: string; timeZone: string }) {
  const trpc = useTRPC();
  const locale = useClinicLocale();
  // Fresh on every opening: completing or marking a visit elsewhere changes the balance and the fee.
  const payments = useQuery({
    ...trpc.charges.patient.queryOptions({ patientId: props.patientId }),
    refetchOnMount: "always",
  });
  const fee = useQuery({
    ...trpc.charges.feeQuote.queryOptions({ appointmentId: props.appointmentId ?? "" }),
    enabled: Boolean(props.appointmentId),
    refetchOnMount: "always",
  });
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const day = (d: string | Date) =>
    new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: props.timeZone }).format(new Date(d));
  const id = `payments-${props.appointmentId ?? props.patientId}`;

  if (payments.isPending) return <div className="skeleton" style={{ height: "3rem" }} aria-label="Loading payments" />;
  if (payments.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(payments.error)}
      </div>
    );
  const p = payments.data;
  const money = (n: number) => formatMoney(n, p.currency, locale);
  const open = (a: Action) => {
    setDone(null);
    setAction(a);
  };
  const finish = (message: string) => {
    setAction(null);
    setDone(message);
  };

  return (
    <section className="cal-messages" aria-labelledby={id} data-testid="payments-panel">
      <h3 id={id}>Payments</h3>
      <p data-testid="payments-balance">
        <strong>
          {p.balanceMinor > 0
            ? `Owes ${money(p.balanceMinor)}`
            : p.balanceMinor < 0
              ? `In credit ${money(-p.balanceMinor)}`
              : "Nothing owed"}
        </strong>
        <span className="muted">
          {" · "}
          {p.card
            ? `Card on file: ${p.card.brand ?? "card"} •••• ${p.card.last4 ?? "????"}`
            : p.cardPayments
              ? "No card on file"
              : "Card payments not set up"}
        </span>
      </p>
      {done ? (
        <div className="alert alert-ok" role="status">
          {done}
        </div>
      ) : null}
      {action?.type === "fee" ? (
        <FeeForm
          appointmentId={props.appointmentId!}
          card={p.card}
          quote={fee.data}
          onBack={() => setAction(null)}
          onDone={finish}
        />
      ) : action ? (
        <MoneyForm action={action} data={p} onBack={() => setAction(null)} onDone={finish} />
      ) : !p.canMoveMoney ? null : (
        <div className="actions">
          {fee.data?.applies ? (
            <button type="button" className="btn btn-danger" onClick={() => open({ type: "fee" })}>
              Charge {fee.data.label.toLowerCase()} ({fee.data.amountLabel})
            </button>
          ) : null}
          {p.card ? (
            <button type="button" className="btn btn-primary" onClick={() => open({ type: "card" })}>
              Charge card on file
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => open({ type: "record" })}>
            Record payment
          </button>
          {p.cardPayments ? (
            <button type="button" className="btn" onClick={() => open({ type: "link" })}>
              Send payment link
            </button>
          ) : null}
        </div>
      )}
      {p.history.length === 0 ? (
        <p className="muted">No charges or payments yet.</p>
      ) : (
        <table className="table" aria-label="Payment history">
          <thead>
            <tr>
              <th>Date</th>
              <th>What</th>
              <th>Amount</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((h) => {
              const refundable =
                ["deposit", "prepayment", "payment"].includes(h.kind) && h.status === "succeeded"
                  ? h.amountMinor - h.refundedMinor
                  : 0;
              return (
                <tr key={h.id}>
                  <td>{day(h.createdAt)}</td>
                  <td>
                    {KIND_WORDS[h.kind] ?? h.kind}
                    {h.method ? ` · ${METHOD_WORDS[h.method] ?? h.method}` : ""}
                    {h.typeName && h.appointmentStartsAt ? ` · ${h.typeName} ${day(h.appointmentStartsAt)}` : ""}
                    {STATUS_WORDS[h.status] ? <span className="badge"> {STATUS_WORDS[h.status]}</span> : null}
                    {h.reason ? <div className="muted">{h.reason}</div> : null}
                  </td>
                  <td>{h.kind === "refund" ? `−${money(h.amountMinor)}` : money(h.amountMinor)}</td>
                  <td>
                    {p.canMoveMoney && refundable > 0 ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => open({ type: "refund", paymentId: h.id, maxMinor: refundable })}
                      >
                        Refund
                      </button>
                    ) : null}
                    {p.canMoveMoney && (h.kind === "visit_charge" || h.kind === "fee") && h.status === "succeeded" ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => open({ type: "edit", chargeId: h.id, amountMinor: h.amountMinor })}
                      >
                        Change
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
