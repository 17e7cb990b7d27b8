// To a clinic's owners three days before the free trial ends.
import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type BillingTrialEndingProps = { ownerName: string; clinicName: string; endsLabel: string; billingUrl: string };

export const billingTrialEndingSubject = (p: BillingTrialEndingProps) =>
  `Your Junction trial for ${p.clinicName} ends on ${p.endsLabel}`;

export default function BillingTrialEndingEmail(p: BillingTrialEndingProps) {
  return (
    <EmailLayout preview={`Your trial ends on ${p.endsLabel}`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Your trial ends on {p.endsLabel}
      </Heading>
      <Text>
        Hi {p.ownerName}, the free trial of Junction for {p.clinicName} ends on {p.endsLabel}. Add a card before then to
        keep everything as it is. Without one, the app becomes read-only: your data stays, nothing is deleted, and
        reminders for booked appointments still go out.
      </Text>
      <Button href={p.billingUrl} style={buttonStyle}>
        Open billing
      </Button>
    </EmailLayout>
  );
}

BillingTrialEndingEmail.PreviewProps = {
  ownerName: "Dana",
  clinicName: "PhysioFIT Bend",
  endsLabel: "Fri 18 Dec",
  billingUrl: "http://localhost:3000/c/physiofit-bend/settings/billing",
} satisfies BillingTrialEndingProps;
