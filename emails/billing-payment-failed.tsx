// To a clinic's owners when a subscription payment fails.
import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type BillingPaymentFailedProps = {
  ownerName: string;
  clinicName: string;
  amountLabel: string;
  graceDays: number;
  billingUrl: string;
};

export const billingPaymentFailedSubject = (p: BillingPaymentFailedProps) =>
  `A payment for ${p.clinicName} on Junction did not go through`;

export default function BillingPaymentFailedEmail(p: BillingPaymentFailedProps) {
  return (
    <EmailLayout preview={`Payment of ${p.amountLabel} failed`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        A payment did not go through
      </Heading>
      <Text>
        Hi {p.ownerName}, we could not take the payment of {p.amountLabel} for {p.clinicName}. Nothing changes for your
        team for {p.graceDays} days; please update the card in billing before then, or the app becomes read-only.
      </Text>
      <Button href={p.billingUrl} style={buttonStyle}>
        Update the card
      </Button>
    </EmailLayout>
  );
}

BillingPaymentFailedEmail.PreviewProps = {
  ownerName: "Dana",
  clinicName: "PhysioFIT Bend",
  amountLabel: "$49.00",
  graceDays: 7,
  billingUrl: "http://localhost:3000/c/physiofit-bend/settings/billing",
} satisfies BillingPaymentFailedProps;
