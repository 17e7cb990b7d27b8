import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type MagicLinkEmailProps = { name: string; url: string; minutes: number };

export const magicLinkSubject = () => "Your Junction sign-in link";

export default function MagicLinkEmail({ name, url, minutes }: MagicLinkEmailProps) {
  return (
    <EmailLayout preview="Your sign-in link for Junction">
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Sign in to Junction
      </Heading>
      <Text>
        Hi {name}, use the button below to sign in. The link works once and expires in {minutes} minutes.
      </Text>
      <Button href={url} style={buttonStyle}>
        Sign in
      </Button>
      <Text style={{ fontSize: "13px", color: "#52606d" }}>Or paste this address into your browser: {url}</Text>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = {
  name: "Alex",
  url: "http://localhost:3000/auth/magic?token=example",
  minutes: 15,
} satisfies MagicLinkEmailProps;
