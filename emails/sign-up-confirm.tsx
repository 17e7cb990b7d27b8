import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type SignUpConfirmEmailProps = { name: string; clinicName: string; url: string; hours: number };

export const signUpConfirmSubject = (p: SignUpConfirmEmailProps) => `Confirm your email to open ${p.clinicName}`;

export default function SignUpConfirmEmail(p: SignUpConfirmEmailProps) {
  return (
    <EmailLayout preview={`One step left: open ${p.clinicName} on Junction`}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Open {p.clinicName}
      </Heading>
      <Text>
        Hi {p.name}, confirm that this is your email and your clinic is created, with you as its owner. The link works
        once and expires in {p.hours} hours.
      </Text>
      <Button href={p.url} style={buttonStyle}>
        Confirm and open {p.clinicName}
      </Button>
      <Text style={{ fontSize: "13px", color: "#52606d" }}>
        Did not sign up for Junction? Ignore this email: nothing is created without this link.
      </Text>
    </EmailLayout>
  );
}

SignUpConfirmEmail.PreviewProps = {
  name: "Nora",
  clinicName: "Northside Physio",
  url: "http://localhost:3000/auth/confirm?token=example",
  hours: 24,
} satisfies SignUpConfirmEmailProps;
