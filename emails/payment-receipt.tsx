// To a patient after a payment or a refund: what was paid (or given back), how, and what is left.
import { Heading, Text } from "@react-email/components";
import { ContactLine } from "./components/appointment-summary";
import { EmailLayout } from "./components/layout";

export type PaymentReceiptProps = {
  firstName: string;
  clinicName: string;
  phone?: string | null;
  /** "payment" or "refund". */
  kind: "payment" | "refund";
  amountLabel: string;
  methodLabel: string;
  dateLabel: string;
  /** What it was for, e.g. "Initial evaluation on Tue 3 Mar" or "No-show fee". */
  forLabel: string | null;
  balanceLabel: string;
  reference: string;
};

export const paymentReceiptSubject = (p: PaymentReceiptProps) =>
  p.kind === "refund"
    ? `Refund of ${p.amountLabel} from ${p.clinicName}`
    : `Receipt for ${p.amountLabel} at ${p.clinicName}`;

export default function PaymentReceiptEmail(p: PaymentReceiptProps) {
  return (
    <EmailLayout preview={paymentReceiptSubject(p)} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        {p.kind === "refund" ? `We refunded ${p.amountLabel}, ${p.firstName}` : `Thank you, ${p.firstName}`}
      </Heading>
      <Text>
        {p.kind === "refund"
          ? `${p.clinicName} refunded ${p.amountLabel} to your ${p.methodLabel} on ${p.dateLabel}. It can take 5–10 days to appear.`
          : `${p.clinicName} received ${p.amountLabel} by ${p.methodLabel} on ${p.dateLabel}.`}
        {p.forLabel ? ` For: ${p.forLabel}.` : ""}
      </Text>
      <Text>
        Your balance with {p.clinicName} is now {p.balanceLabel}.
      </Text>
      <Text style={{ color: "#6b7280", fontSize: "12px" }}>Reference {p.reference}</Text>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

PaymentReceiptEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "Cascade Physio",
  phone: "(541) 555-0100",
  kind: "payment",
  amountLabel: "$120.00",
  methodLabel: "card on file",
  dateLabel: "Tue 3 Mar 2026",
  forLabel: "Initial evaluation on Tue 3 Mar",
  balanceLabel: "nothing to pay",
  reference: "a1b2c3d4",
} satisfies PaymentReceiptProps;
