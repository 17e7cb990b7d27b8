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
      <div className="field">
        <label htmlFor={`${prefix}-policy`}>At booking</label>
        <select id={`${prefix}-policy`} name="paymentPolicy" defaultValue={t?.paymentPolicy ?? "none"}>
          {POLICIES.map((p) => (
            <option key={p} value={p}>
              {LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-deposit`}>Deposit ({symbol})</label>
        <input
          id={`${prefix}-deposit`}
          name="deposit"
          type="number"
          min={0}
          step="any"
          defaultValue={major(t?.depositMinor)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-first-policy`}>First visit</label>
        <select id={`${prefix}-first-policy`} name="firstVisitPolicy" defaultValue={t?.firstVisitPolicy ?? ""}>
          <option value="">Same as above</option>
          {POLICIES.map((p) => (
            <option key={p} value={p}>
              {LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-first-deposit`}>First visit deposit ({symbol})</label>
        <input
          id={`${prefix}-first-deposit`}
          name="firstVisitDeposit"
          type="number"
          min={0}
          step="any"
          defaultValue={major(t?.firstVisitDepositMinor)}
        />
      </div>
    </>
  );
}
