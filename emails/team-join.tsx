import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type TeamJoinEmailProps = { inviterName: string; clinicName: string; roleLabel: string; url: string };

export const teamJoinSubject = (p: TeamJoinEmailProps) => `${p.inviterName} invited you to join ${p.clinicName}`;

/** An invitation to someone who already has a Junction account: they choose to join. */
export default function TeamJoinEmail(p: TeamJoinEmailProps) {
  return (
    <EmailLayout preview={`Join ${p.clinicName} on Junction`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Join {p.clinicName}?
      </Heading>
      <Text>
        {p.inviterName} invited you to join {p.clinicName} on Junction as {p.roleLabel}. You keep your account and your
        other clinics. The link works once and expires in 7 days; if you do not want to join, ignore this email.
      </Text>
      <Button href={p.url} style={buttonStyle}>
        Join {p.clinicName}
      </Button>
    </EmailLayout>
  );
}

TeamJoinEmail.PreviewProps = {
  inviterName: "Dana",
  clinicName: "PhysioFIT Bend",
  roleLabel: "clinician",
  url: "http://localhost:3000/auth/join?token=example",
} satisfies TeamJoinEmailProps;
