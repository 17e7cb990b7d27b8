"use client";
// An appointment type's payment at booking (server/payments/): nothing, a saved card, a deposit or
// full payment, and optionally another policy for a patient's first visit. Amounts in the clinic's currency.
import type { AppointmentType, PaymentPolicy } from "@/db/schema";
import { currencySymbol, toMajor, toMinor } from "@/app/_lib/money";

const LABELS: Record<PaymentPolicy, string> = {
  none: "Nothing",
  card_on_file: "Save a card",
  deposit: "Pay a deposit",
  prepay: "Pay in full",
};
const POLICIES = Object.keys(LABELS) as PaymentPolicy[];

/** The policy fields of a type form, read back as the procedure's input. */
export function readPaymentPolicy(f: FormData, currency: string) {
  const amount = (k: string) => {
    const v = String(f.get(k) ?? "").trim();
    return v ? toMinor(v, currency) : null;
  };
  const first = String(f.get("firstVisitPolicy") ?? "");
  return {
    paymentPolicy: String(f.get("paymentPolicy") ?? "none") as PaymentPolicy,
    depositMinor: amount("deposit"),
    firstVisitPolicy: first ? (first as PaymentPolicy) : null,
    firstVisitDepositMinor: amount("firstVisitDeposit"),
  };
}

export function PaymentPolicyFields({
  t,
  prefix,
  currency,
}: {
  t?: AppointmentType;
  prefix: string;
  currency: string;
}) {
  const symbol = currencySymbol(currency);
  const major = (minor: number | null | undefined) => (minor ? toMajor(minor, currency) : "");
  return (
    <>
      <PolicySelect
        id={`${prefix}-policy`}
        label="At booking"
        name="paymentPolicy"
        value={t?.paymentPolicy ?? "none"}
      />
      <AmountInput
        id={`${prefix}-deposit`}
        label={`Deposit (${symbol})`}
        name="deposit"
        value={major(t?.depositMinor)}
      />
      <PolicySelect
        id={`${prefix}-first-policy`}
        label="First visit"
        name="firstVisitPolicy"
        value={t?.firstVisitPolicy ?? ""}
        sameAsAbove
      />
      <AmountInput
        id={`${prefix}-first-deposit`}
        label={`First visit deposit (${symbol})`}
        name="firstVisitDeposit"
        value={major(t?.firstVisitDepositMinor)}
      />
    </>
  );
}

function PolicySelect(p: { id: string; label: string; name: string; value: string; sameAsAbove?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <select id={p.id} name={p.name} defaultValue={p.value}>
        {p.sameAsAbove ? <option value="">Same as above</option> : null}
        {POLICIES.map((policy) => (
          <option key={policy} value={policy}>
            {LABELS[policy]}
          </option>
        ))}
      </select>
    </div>
  );
}

function AmountInput(p: { id: string; label: string; name: string; value: string | number }) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <input id={p.id} name={p.name} type="number" min={0} step="any" defaultValue={p.value} />
    </div>
  );
}
