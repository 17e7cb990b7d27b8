"use client";
// The booking wizard's payment step (server/payments/): the time is held while the patient pays a
// deposit, pays in full or saves a card on Stripe's hosted page (which handles 3-D Secure). Stripe
// sends them back to the manage page, which shows the booking once the payment is confirmed.
type Payment = {
  url: string;
  purpose: "card_on_file" | "deposit" | "prepayment" | "balance";
  amountLabel: string | null;
  holdExpiresAt: Date;
};

const ACTION: Record<Payment["purpose"], (amount: string | null) => string> = {
  card_on_file: () => "Save a card",
  deposit: (amount) => `Pay the ${amount} deposit`,
  prepayment: (amount) => `Pay ${amount}`,
  balance: (amount) => `Pay ${amount}`,
};

export function PaymentStep(props: {
  payment: Payment;
  typeName: string;
  clinicianName: string;
  whenLabel: string;
  timeZone: string;
}) {
  const { payment } = props;
  const heldUntil = new Intl.DateTimeFormat("en-US", { timeZone: props.timeZone, timeStyle: "short" }).format(
    payment.holdExpiresAt,
  );
  return (
    <section className="card" aria-labelledby="pay-h">
      <h2 id="pay-h">{payment.purpose === "card_on_file" ? "Add a card to confirm" : "Pay to confirm"}</h2>
      <p role="status">
        <strong>{props.typeName}</strong> with {props.clinicianName}
        <br />
        {props.whenLabel}
      </p>
      <p>
        We&apos;re holding this time for you until {heldUntil}.{" "}
        {payment.purpose === "card_on_file"
          ? "The clinic keeps your card on file for fees it has told you about; nothing is charged now."
          : "Your booking is confirmed as soon as the payment goes through."}{" "}
        If you don&apos;t finish, the time is released and nothing is booked.
      </p>
      {/* A full page load to Stripe's hosted page. */}
      <a className="btn btn-primary" href={payment.url}>
        {ACTION[payment.purpose](payment.amountLabel)}
      </a>
    </section>
  );
}
