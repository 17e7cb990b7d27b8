import { Button, Heading, Text } from "@react-email/components";
import { buttonStyle, EmailLayout } from "./components/layout";

export type TeamInviteEmailProps = {
  inviteeName: string;
  inviterName: string;
  clinicName: string;
  roleLabel: string;
  url: string;
};

export const teamInviteSubject = (p: TeamInviteEmailProps) =>
  `${p.inviterName} added you to ${p.clinicName} on Junction`;

export default function TeamInviteEmail(p: TeamInviteEmailProps) {
  return (
    <EmailLayout preview={`You have been added to ${p.clinicName}`} clinicName={p.clinicName}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        Welcome to {p.clinicName}
      </Heading>
      <Text>
        Hi {p.inviteeName}, {p.inviterName} added you to {p.clinicName} as {p.roleLabel}. Use the button below to sign
        in; the link works once and expires in 7 days.
      </Text>
      <Button href={p.url} style={buttonStyle}>
        Open {p.clinicName}
      </Button>
    </EmailLayout>
  );
}

TeamInviteEmail.PreviewProps = {
  inviteeName: "Sam",
  inviterName: "Dana",
  clinicName: "PhysioFIT Bend",
  roleLabel: "front desk",
  url: "http://localhost:3000/auth/magic?token=example",
} satisfies TeamInviteEmailProps;
