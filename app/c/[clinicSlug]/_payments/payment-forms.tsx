"use client";
// The Payments panel's forms: each is filled in, then confirmed in words ("Charge $50.00 to Visa
// •••• 4242?") before it runs. One key per opened form goes with the request, so a double click
// is one payment; after a decline the next try gets a new key.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { PatientPayments } from "@/server/payments/patient-balance";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { formatMoney, parseMajor, toMajorText } from "@/app/_lib/money";

export type Action =
  | { type: "card" }
  | { type: "record" }
  | { type: "link" }
  | { type: "fee" }
  | { type: "refund"; paymentId: string; maxMinor: number }
  | { type: "edit"; chargeId: string; amountMinor: number };

const TITLES = {
  card: "Charge card on file",
  record: "Record payment",
  link: "Send payment link",
  refund: "Refund",
  edit: "Change charge",
} as const;

const METHODS = [
  ["card_terminal", "Card in clinic"],
  ["cash", "Cash"],
  ["bank_transfer", "Bank transfer"],
  ["other", "Insurance or other"],
] as const;

type Outcome = { declined?: string | null; repeated?: boolean };

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.charges.patient.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.charges.feeQuote.queryKey() }),
    ]);
}

export function MoneyForm(props: {
  action: Exclude<Action, { type: "fee" }>;
  data: PatientPayments;
  onBack: () => void;
  onDone: (message: string) => void;
}) {
  const { action, data } = props;
  const locale = useClinicLocale();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const initial =
    action.type === "refund"
      ? action.maxMinor
      : action.type === "edit"
        ? action.amountMinor
        : Math.max(data.balanceMinor, 0);
  const [amount, setAmount] = useState(initial > 0 ? toMajorText(initial, data.currency) : "");
  const [method, setMethod] = useState<(typeof METHODS)[number][0]>("card_terminal");
  const [text, setText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const options = { onSuccess: () => refresh() };
  const charge = useMutation(trpc.charges.record.mutationOptions(options));
  const refund = useMutation(trpc.charges.refund.mutationOptions(options));
  const link = useMutation(trpc.charges.sendLink.mutationOptions(options));
  const edit = useMutation(trpc.charges.editCharge.mutationOptions(options));
  const pending = charge.isPending || refund.isPending || link.isPending || edit.isPending;
  const error = charge.error ?? refund.error ?? link.error ?? edit.error;
  const minor = parseMajor(amount, data.currency);
  const words = minor === null ? "" : formatMoney(minor, data.currency, locale);
  const card = data.card ? `${data.card.brand ?? "card"} •••• ${data.card.last4 ?? "????"}` : "the card on file";
  const question =
    action.type === "card"
      ? `Charge ${words} to ${card}?`
      : action.type === "record"
        ? `Record ${words} paid by ${METHODS.find((m) => m[0] === method)![1].toLowerCase()}?`
        : action.type === "refund"
          ? `Refund ${words}?`
          : action.type === "link"
            ? `Email a link to pay ${words}?`
            : `Change the charge to ${words}?`;
  const needsText =
    action.type === "refund" || action.type === "edit" || (action.type === "record" && method === "other");

  function review(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (minor === null || minor <= 0) return setProblem("Enter an amount greater than zero, like 45.00.");
    if (needsText && !text.trim())
      return setProblem(action.type === "record" ? "Say who paid (for example the insurer)." : "Give a reason.");
    setProblem(null);
    setConfirming(true);
  }

  function run() {
    const amountMinor = minor!;
    const settle = (message: string) => (o: Outcome) => {
      if (o.declined) {
        setProblem(o.declined);
        setConfirming(false);
        setKey(crypto.randomUUID());
        return;
      }
      props.onDone(message);
    };
    if (action.type === "card")
      charge.mutate(
        {
          patientId: data.patientId,
          method: "card_on_file",
          amountMinor,
          currency: data.currency,
          key,
          cardId: data.card?.id,
        },
        { onSuccess: settle(`Charged ${words} to ${card}.`) },
      );
    else if (action.type === "record")
      charge.mutate(
        { patientId: data.patientId, method, amountMinor, currency: data.currency, key, note: text.trim() || null },
        { onSuccess: settle(`Recorded ${words}.`) },
      );
    else if (action.type === "refund")
      refund.mutate(
        { paymentId: action.paymentId, amountMinor, currency: data.currency, reason: text.trim(), key },
        { onSuccess: () => props.onDone(`Refunded ${words}.`) },
      );
    else if (action.type === "link")
      link.mutate(
        { patientId: data.patientId, amountMinor, currency: data.currency, key },
        { onSuccess: (r) => props.onDone(`Emailed a link to pay ${r.amountLabel} to ${r.to}.`) },
      );
    else
      edit.mutate(
        { id: action.chargeId, amountMinor, currency: data.currency, reason: text.trim() },
        { onSuccess: () => props.onDone(`Changed the charge to ${words}.`) },
      );
  }

  return (
    <form className="form" onSubmit={review} aria-label={TITLES[action.type]} noValidate>
      <h4>{TITLES[action.type]}</h4>
      {problem || error ? (
        <div className="alert alert-error" role="alert">
          {problem ?? errorMessage(error)}
        </div>
      ) : null}
      {confirming ? (
        <>
          <p>
            <strong>{question}</strong>
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={pending} onClick={run}>
              {pending ? "Working…" : `Yes, ${TITLES[action.type].toLowerCase()}`}
            </button>
            <button type="button" className="btn" disabled={pending} onClick={() => setConfirming(false)}>
              Back
            </button>
          </div>
        </>
      ) : (
        <>
          {action.type === "record" ? (
            <div className="field">
              <label htmlFor="pay-method">Paid by</label>
              <select id="pay-method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
                {METHODS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="pay-amount">Amount ({data.currency})</label>
            <input id="pay-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </div>
          {action.type !== "card" && action.type !== "link" ? (
            <div className="field">
              <label htmlFor="pay-text">{action.type === "record" ? "Note" : "Reason"}</label>
              <input id="pay-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={500} />
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Continue
            </button>
            <button type="button" className="btn" onClick={props.onBack}>
              Cancel
            </button>
          </div>
        </>
      )}
    </form>
  );
}

export function FeeForm(props: {
  appointmentId: string;
  card: PatientPayments["card"];
  quote: { applies: true; label: string; amountLabel: string; currency: string } | { applies: false } | undefined;
  onBack: () => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [declined, setDeclined] = useState<string | null>(null);
  const fee = useMutation(trpc.charges.chargeFee.mutationOptions({ onSuccess: () => refresh() }));
  if (!props.quote?.applies) return null;
  const { label, amountLabel, currency } = props.quote;
  const card = props.card ? `${props.card.brand ?? "card"} •••• ${props.card.last4 ?? "????"}` : null;
  return (
    <div className="form" role="group" aria-label={label}>
      {declined || fee.error ? (
        <div className="alert alert-error" role="alert">
          {declined ?? errorMessage(fee.error)}
        </div>
      ) : null}
      <p>
        <strong>
          {card ? `Charge the ${label.toLowerCase()} of ${amountLabel} to ${card}?` : `${label}: ${amountLabel}`}
        </strong>
      </p>
      {!card ? <p className="muted">No card on file: record a payment or send a payment link instead.</p> : null}
      <div className="actions">
        {card ? (
          <button
            type="button"
            className="btn btn-danger"
            disabled={fee.isPending}
            onClick={() =>
              fee.mutate(
                { appointmentId: props.appointmentId, cardId: props.card?.id, currency },
                {
                  onSuccess: (o) =>
                    o.declined
                      ? setDeclined(o.declined)
                      : props.onDone(
                          o.repeated ? `The ${label.toLowerCase()} was already charged.` : `Charged ${amountLabel}.`,
                        ),
                },
              )
            }
          >
            {fee.isPending ? "Charging…" : `Yes, charge ${amountLabel}`}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={props.onBack}>
          Back
        </button>
      </div>
    </div>
  );
}
