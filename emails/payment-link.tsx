// To a patient asked to pay a balance online: the amount and a button to Stripe's payment page.
import { Button, Heading, Section, Text } from "@react-email/components";
import { ContactLine } from "./components/appointment-summary";
import { buttonStyle, EmailLayout } from "./components/layout";

export type PaymentLinkProps = {
  firstName: string;
  clinicName: string;
  phone?: string | null;
  amountLabel: string;
  forLabel: string | null;
  payUrl: string;
};

export const paymentLinkSubject = (p: PaymentLinkProps) => `Pay ${p.amountLabel} to ${p.clinicName}`;

export default function PaymentLinkEmail(p: PaymentLinkProps) {
  return (
    <EmailLayout preview={paymentLinkSubject(p)} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Hi {p.firstName}, you can pay {p.amountLabel} online
      </Heading>
      <Text>
        {p.clinicName} asks you to pay {p.amountLabel}
        {p.forLabel ? ` for ${p.forLabel}` : ""}. The link opens Stripe's secure payment page and works for 24 hours.
      </Text>
      <Section>
        <Button href={p.payUrl} style={buttonStyle}>
          Pay {p.amountLabel}
        </Button>
      </Section>
      <ContactLine clinicName={p.clinicName} phone={p.phone} />
    </EmailLayout>
  );
}

PaymentLinkEmail.PreviewProps = {
  firstName: "Jordan",
  clinicName: "Cascade Physio",
  phone: "(541) 555-0100",
  amountLabel: "$45.00",
  forLabel: "your visit on Tue 3 Mar",
  payUrl: "https://checkout.stripe.com/c/pay/cs_test_preview",
} satisfies PaymentLinkProps;
