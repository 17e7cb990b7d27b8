import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type SignUpExistingEmailProps = { name: string; signInUrl: string };

export const signUpExistingSubject = () => "Someone tried to create a Junction account with your email";

export default function SignUpExistingEmail(p: SignUpExistingEmailProps) {
  return (
    <EmailLayout preview="You already have a Junction account">
      <Heading as="h1" style={{ fontSize: "22px" }}>
        You already have an account
      </Heading>
      <Text>
        Hi {p.name}, someone (perhaps you) tried to create a new Junction account with this email address. You already
        have one, so nothing was created. To add another clinic, sign in and use “Add a clinic” on your clinics page.
      </Text>
      <Button href={p.signInUrl} style={buttonStyle}>
        Sign in
      </Button>
      <Text>Forgot your password? On the sign-in page, ask for a sign-in link by email instead.</Text>
      <Text style={{ fontSize: "13px", color: "#52606d" }}>If this was not you, you can ignore this email.</Text>
    </EmailLayout>
  );
}

SignUpExistingEmail.PreviewProps = {
  name: "Nora",
  signInUrl: "http://localhost:3000/signin",
} satisfies SignUpExistingEmailProps;
